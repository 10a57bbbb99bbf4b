using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BacklogFlow.Engine.Messaging;

/// <summary>
/// Signals the dispatcher after (never before) a commit that added outbox messages. A save inside an
/// explicit transaction (intake commits each batch in one) is not yet a commit: the signal then waits
/// for the transaction's commit, or else the dispatcher would look before the rows are visible and
/// only find them at its next poll. Rows written past the change tracker
/// (<see cref="Outbox.EnqueueSetBasedAsync"/>) are announced with <see cref="AddedInTransaction"/>.
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _addsOutbox = [];

    /// <summary>The interceptor on <paramref name="context"/>, or null for a context made without the engine's registration.</summary>
    public static OutboxCommitInterceptor? Of(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<OutboxCommitInterceptor>().FirstOrDefault();
    }

    /// <summary>Outbox rows were written in <paramref name="context"/>'s open transaction without SaveChanges: signal when it commits.</summary>
    public void AddedInTransaction(DbContext context) => _addsOutbox.AddOrUpdate(context, true);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context
            && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _addsOutbox.AddOrUpdate(context, true);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            NotifyIfAdded(context);
        }

        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Forget(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            NotifyIfAdded(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Forget(eventData.Context);
    }

    private void NotifyIfAdded(DbContext context)
    {
        if (_addsOutbox.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _addsOutbox.Remove(context);
        }
    }
}
