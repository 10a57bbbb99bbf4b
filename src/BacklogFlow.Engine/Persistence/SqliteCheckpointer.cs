using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// SQLite only: copies the write-ahead log back into the database file (a checkpoint) in the
/// background, passively, every <see cref="Interval"/>, outside the process's write turns. By default the
/// connection whose commit takes the log past 1,000 pages checkpoints inside that commit; in an
/// embedded surge that was intake's one writer, every few batches (a batch's inserts into indexes
/// with random keys touch a few hundred pages), and 1.0–1.2 s of its commits' 3.3 s of a surge of
/// 70,000 (measured 25 Nov: 2.2–2.4 s with the checkpoints moved here, which took 0.4 s of the
/// other core). A passive checkpoint never waits for, nor blocks, a reader or a writer. The
/// engine's connections still checkpoint themselves past <see cref="SqliteConnectionSettings.AutoCheckpointPages"/>,
/// a bound on the log for a process that runs no checkpointer.
/// </summary>
public sealed partial class SqliteCheckpointer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, stoppingToken);
                await CheckpointAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last connection to close checkpoints what is left.
        }
    }

    /// <summary>One passive checkpoint: copies what it can without waiting for anyone.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().Database
                .ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
        }
        catch (SqliteException ex)
        {
            // Busy or failing now; the next round tries again, and the connections' own bound holds meanwhile.
            LogCheckpointFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; trying again in the next round")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
