using BacklogFlow.Engine.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BacklogFlow.Engine.Messaging;

/// <summary>
/// Publishes committed outbox messages, oldest first, and deletes them once the bus accepted them.
/// At least once: a crash between publish and delete publishes again, and receivers de-duplicate by
/// case id. Starts publishing only when the host (and so the bus) has started.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 500;

    /// <summary>How often it looks without a signal (another process may have written).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a batch waits for the broker to confirm. A publish caught by a broker restart can
    /// wait for a confirm that never comes; meanwhile its rows stay deleted-but-uncommitted and
    /// locked, so no other dispatcher could send them either. Giving up rolls the batch back, and
    /// the next round publishes it again (at least once). A network timeout, so the system clock.
    /// </summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ex);
            }

            await signal.WaitAsync(PollInterval, time, stoppingToken);
        }
    }

    /// <summary>
    /// Takes the oldest batch out of the table and publishes it inside one transaction: the rows are
    /// deleted (and on PostgreSQL locked, skipping rows another engine process holds) before
    /// publishing, and the deletion commits only after the bus accepted every message. A crash or a
    /// failed publish rolls the deletion back, so nothing is lost; several engine processes never
    /// publish the same row at the same time.
    /// </summary>
    /// <returns>How many messages were published.</returns>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = db.Database.IsNpgsql()
            ? await db.OutboxMessages.FromSql($"""
                DELETE FROM outbox_messages WHERE "Id" IN (
                  SELECT "Id" FROM outbox_messages ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken)
            : await db.OutboxMessages.FromSql($"""
                DELETE FROM outbox_messages WHERE "Id" IN (
                  SELECT "Id" FROM outbox_messages ORDER BY "Id" LIMIT {BatchSize})
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(batch.OrderBy(m => m.Id).Select(stored =>
        {
            var (message, type) = Outbox.Read(stored);
            return bus.Publish(message, type, cancellationToken);
        })).WaitAsync(PublishTimeout, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing outbox messages failed; retrying on the next round")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
