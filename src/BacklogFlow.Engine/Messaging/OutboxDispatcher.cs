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

    /// <summary>
    /// SQLite: how long published rows may wait before they are deleted, at most. Deleting after
    /// every round was one more commit (and disk flush) per intake batch in the one write turn: in
    /// an embedded surge of 70,000 intake's writer waited 1.9–2.4 s of about 10 for those deletes
    /// (measured 25 Nov). Gathered, they are a few commits a second. A crash in between publishes
    /// the undeleted rows again, which at least once allows.
    /// </summary>
    public static readonly TimeSpan DeleteDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>SQLite: once this many published rows wait, they are deleted without waiting for <see cref="DeleteDelay"/>.</summary>
    public const int DeleteBatchSize = 5_000;

    // SQLite only, touched by the one dispatching loop: every row up to _publishedThrough was
    // published, and rows committed later have larger ids (SQLite has one writer at a time).
    private long _publishedThrough;
    private int _undeleted;
    private DateTimeOffset? _oldestUndeletedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        try
        {
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

                await signal.WaitAsync(NextLook(), time, stoppingToken);
            }
        }
        finally
        {
            await DeleteLeftPublishedAsync();
        }
    }

    /// <summary>Stopping: the published rows still waiting are deleted, so a restart does not publish them again.</summary>
    private async Task DeleteLeftPublishedAsync()
    {
        if (_undeleted == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await DeletePublishedAsync(scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // At least once: the next start publishes them again.
            LogDispatchFailed(logger, ex);
        }
    }

    /// <summary>
    /// The next look without a signal: at the poll interval, or sooner when published rows wait to
    /// be deleted (SQLite), so that they are deleted within <see cref="DeleteDelay"/>.
    /// </summary>
    private TimeSpan NextLook()
    {
        if (_oldestUndeletedAt is not { } oldest)
        {
            return PollInterval;
        }

        var untilDelete = DeleteDelay - (time.GetUtcNow() - oldest);
        return untilDelete <= TimeSpan.Zero ? TimeSpan.Zero : untilDelete < PollInterval ? untilDelete : PollInterval;
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
    /// SQLite: read what follows the rows published so far, publish it, and delete the published rows
    /// later, gathered, in a short write of their own in the process's write turn: when a round finds
    /// nothing new, when <see cref="DeleteDelay"/> has passed since the oldest was published, or when
    /// <see cref="DeleteBatchSize"/> wait. Holding SQLite's one write lock while publishing (as on
    /// PostgreSQL) stalled intake: its next batch found the file busy, and Microsoft.Data.Sqlite
    /// retries a busy file only every 150 ms; 13.5 of a 34-second embedded surge of 70,000 went to
    /// that wait (measured). The embedded default is one process per file; two processes on one
    /// file, or this one after a restart, could publish a row twice, which at least once allows
    /// (receivers de-duplicate by case id).
    /// </summary>
    private async Task<int> DispatchThenDeleteAsync(BacklogFlowDbContext db, CancellationToken cancellationToken)
    {
        var publishedThrough = _publishedThrough;
        var batch = await db.OutboxMessages.AsNoTracking().Where(m => m.Id > publishedThrough).OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        await PublishAsync(batch, cancellationToken);
        var now = time.GetUtcNow();
        if (batch.Count > 0)
        {
            _publishedThrough = batch[^1].Id;
            _undeleted += batch.Count;
            _oldestUndeletedAt ??= now;
        }

        if (_undeleted > 0 && (batch.Count == 0 || _undeleted >= DeleteBatchSize || now - _oldestUndeletedAt >= DeleteDelay))
        {
            await DeletePublishedAsync(db, cancellationToken);
        }

        return batch.Count;
    }

    private async Task DeletePublishedAsync(BacklogFlowDbContext db, CancellationToken cancellationToken)
    {
        var through = _publishedThrough;
        using (await sqliteTurns.WaitAsync(cancellationToken))
        {
            await db.OutboxMessages.Where(m => m.Id <= through).ExecuteDeleteAsync(cancellationToken);
        }

        _undeleted = 0;
        _oldestUndeletedAt = null;
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
