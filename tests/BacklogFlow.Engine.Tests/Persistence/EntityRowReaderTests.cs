using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Tests.Persistence;

/// <summary>
/// An entity read past EF Core from a plain reader must equal the one EF Core reads from the same
/// row: every member, nulls and the provider's conversions (SQLite's instants as ticks) included.
/// Runs on every database the engine supports: see the derived classes.
/// </summary>
public abstract class EntityRowReaderTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_ClaimedAndOpenTasks_EqualWhatEfCoreReads()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "childcare", receivedAt: EngineTestHost.Start.AddDays(-2)),
            Applications.Details(sector: "general", receivedAt: EngineTestHost.Start.AddHours(-5)),
        ]);
        var claimed = await engine.ClaimNextAsync("worker-1", ["vog-np-mandatory"]);

        var (read, efRead) = await engine.QueryAsync(async db =>
        {
            var byEf = await db.ReviewTasks.AsNoTracking().OrderBy(t => t.Queue).ToListAsync(Cancel);
            await db.Database.OpenConnectionAsync(Cancel);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT * FROM review_tasks ORDER BY \"Queue\"";
            await using var reader = await command.ExecuteReaderAsync(Cancel);
            var byReader = new List<ReviewTask>();
            while (await reader.ReadAsync(Cancel))
            {
                byReader.Add(EntityRowReader.Read<ReviewTask>(db.Model, reader));
            }

            return (byReader, byEf);
        });

        read.Should().HaveCount(2).And.BeEquivalentTo(efRead, o => o.WithStrictOrdering());
        read[0].ClaimedBy.Should().Be("worker-1", "the mandatory task is the claimed one: its nullable columns hold values");
        read[0].Should().BeEquivalentTo(claimed);
        read[1].ClaimedBy.Should().BeNull("the regular task is open: its nullable columns are null");
        read[1].LeaseExpiresAt.Should().BeNull();
    }
}

public sealed class EntityRowReaderTestsOnSqlite : EntityRowReaderTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class EntityRowReaderTestsOnPostgreSql : EntityRowReaderTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
