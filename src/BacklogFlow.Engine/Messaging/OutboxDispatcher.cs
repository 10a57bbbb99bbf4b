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

    /// <returns>How many messages were published.</returns>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        var batch = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(batch.Select(stored =>
        {
            var (message, type) = Outbox.Read(stored);
            return bus.Publish(message, type, cancellationToken);
        }));

        var ids = batch.Select(m => m.Id).ToArray();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing outbox messages failed; retrying on the next round")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
