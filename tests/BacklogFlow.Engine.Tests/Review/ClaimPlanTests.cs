using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using BacklogFlow.Engine.Tests.Support;
using BacklogFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BacklogFlow.Engine.Tests.Review;

/// <summary>
/// Workers poll empty queues, so the claim statement is planned, and may get its generic plan, on
/// an empty table; made on an empty, vacuumed <c>review_tasks</c> that plan scans the table, and a
/// surge then filling the queues met it (68 + 14 ms per claim at 70,000 tasks, measured in psql).
/// The claim's connections price sequential scans out (<see cref="DatabaseRegistration.WithIndexScans"/>).
/// The engine sends the statement prepared (Npgsql's automatic preparation) in its own sessions;
/// the test prepares the same text (<see cref="ClaimStatement.Sql"/>) on a connection of the
/// claim's pool and explains its generic plan.
/// </summary>
[Collection(PooledConnectionCollection.Name)]
public sealed class ClaimPlanTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claim_GenericPlanMadeWhileTheQueuesAreEmptyAndVacuumed_OnTheQueueOrderIndex()
    {
        var connectionString = await PostgreSqlTestDatabases.CreateAsync(Cancel);
        await using var engine = await EngineTestHost.StartAsync(
            new Dictionary<string, string?> { [$"{DatabaseOptions.Section}:ConnectionString"] = connectionString }, database: TestDatabase.PostgreSql);
        await engine.QueryAsync(db => db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE review_tasks", Cancel));
        (await engine.ClaimNextAsync("worker-1", ["vog-np-mandatory", "vog-np-regular"])).Should().BeNull("the queues are empty");

        var plan = await GenericClaimPlanAsync(DatabaseRegistration.WithIndexScans(DatabaseRegistration.WithAutoPrepare(connectionString)));

        plan.Should().Contain("ix_review_tasks_queue_order").And.NotContain("Seq Scan on review_tasks");
    }

    /// <summary>The generic plan PostgreSQL makes for the claim statement on a connection of <paramref name="claimConnectionString"/>'s pool, for a claim in vog-np.</summary>
    private static async Task<string> GenericClaimPlanAsync(string claimConnectionString)
    {
        await using var connection = new NpgsqlConnection(claimConnectionString);
        await connection.OpenAsync(Cancel);
        return await ClaimStatementPlan.ExplainAsync(
            connection, "worker-1", ["vog-np-mandatory", "vog-np-regular"], ["at-risk", "mandatory", "regular"], generic: true, Cancel);
    }
}
