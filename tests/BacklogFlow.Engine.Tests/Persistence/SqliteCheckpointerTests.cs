using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Engine.Tests.Persistence;

/// <summary>
/// SQLite's log is copied into the database file by the background checkpointer, not by the
/// engine's commits: its connections checkpoint themselves only past a bound far above a batch.
/// </summary>
public sealed class SqliteCheckpointerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private EngineCore? _core;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
    }

    [Fact]
    public async Task EngineConnection_CheckpointsItselfOnlyPastTheBound()
    {
        var core = await StartAsync();
        await using var scope = core.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();

        await db.Database.OpenConnectionAsync(Cancel);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";

        Convert.ToInt32(await command.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(SqliteConnectionSettings.AutoCheckpointPages, "SQLite's default is 1,000 pages");
    }

    [Fact]
    public async Task Checkpoint_CommittedWritesWaitInTheLog_CopiedIntoTheDatabaseFile()
    {
        var core = await StartAsync();
        // A connection open and in use throughout, as the engine's are: SQLite checkpoints when the
        // last connection that has read the file closes.
        await using var open = core.Services.CreateAsyncScope();
        var openDb = open.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        await openDb.Database.OpenConnectionAsync(Cancel);
        (await openDb.OutboxMessages.CountAsync(Cancel)).Should().Be(0);
        var file = new FileInfo(openDb.Database.GetDbConnection().DataSource);
        var before = file.Length;

        await StoreAsync(core, 2_000);
        file.Refresh();
        file.Length.Should().Be(before, "committed writes wait in the log, below the connections' own bound");

        await Checkpointer(core).CheckpointAsync(Cancel);

        file.Refresh();
        file.Length.Should().BeGreaterThan(before, "the checkpoint copied the log's pages into the file");
    }

    private async Task<EngineCore> StartAsync()
    {
        _core = await EngineCore.StartAsync(TestDatabase.Sqlite, _time);
        await using var scope = _core.Services.CreateAsyncScope();
        // As the migrator leaves a SQLite file (EngineCore creates the schema without it).
        await scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", Cancel);
        return _core;
    }

    private async Task StoreAsync(EngineCore core, int count)
    {
        await using var scope = core.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.Enqueue(new ApplicationRejected { Reason = "invalid", Detail = new string('x', 200), QuarantineId = Guid.NewGuid(), RejectedAt = _time.GetUtcNow() }, _time.GetUtcNow());
        }

        await db.SaveChangesAsync(Cancel);
    }

    private static SqliteCheckpointer Checkpointer(EngineCore core) =>
        ActivatorUtilities.CreateInstance<SqliteCheckpointer>(core.Services);
}
