using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
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
    SqliteWriteTurns sqliteTurns,
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
    /// Publishes the oldest batch and deletes it once the bus accepted every message. A crash or a
    /// failed publish deletes nothing, so nothing is lost (at least once).
    /// </summary>
    /// <returns>How many messages were published.</returns>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        return db.Database.IsPostgreSql()
            ? await DispatchLockedAsync(db, cancellationToken)
            : await DispatchThenDeleteAsync(db, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: the batch is deleted (locked, skipping rows another engine process holds) before
    /// publishing, inside one transaction that commits only after the bus accepted every message, so
    /// several engine processes never publish the same row at the same time.
    /// </summary>
    private async Task<int> DispatchLockedAsync(BacklogFlowDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxMessages.FromSql($"""
            DELETE FROM outbox_messages WHERE "Id" IN (
              SELECT "Id" FROM outbox_messages ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        await PublishAsync(batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    /// <summary>
    /// SQLite: read, publish, then delete in a short write of its own, in the process's write turn.
    /// Holding SQLite's one write lock while publishing (as on PostgreSQL) stalled intake: its next
    /// batch found the file busy, and Microsoft.Data.Sqlite retries a busy file only every 150 ms;
    /// 13.5 of a 34-second embedded surge of 70,000 went to that wait (measured). The embedded default is
    /// one process per file; two processes on one file could both publish a row, which at least
    /// once allows (receivers de-duplicate by case id).
    /// </summary>
    private async Task<int> DispatchThenDeleteAsync(BacklogFlowDbContext db, CancellationToken cancellationToken)
    {
        var batch = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        await PublishAsync(batch, cancellationToken);
        if (batch.Count > 0)
        {
            var ids = batch.Select(m => m.Id).ToList();
            using var turn = await sqliteTurns.WaitAsync(cancellationToken);
            await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return batch.Count;
    }

    /// <summary>In the order they were stored; waits for the broker at most <see cref="PublishTimeout"/>.</summary>
    private Task PublishAsync(List<OutboxMessage> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(batch.OrderBy(m => m.Id).Select(stored =>
        {
            var (message, type) = Outbox.Read(stored);
            return bus.Publish(message, type, cancellationToken);
        })).WaitAsync(PublishTimeout, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing outbox messages failed; retrying on the next round")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
