using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Tests.Support;
using BacklogFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BacklogFlow.Engine.Tests.Review;

/// <summary>
/// Workers poll empty queues, so the claim statement is prepared, and may get its generic plan, on
/// an empty table; made on an empty, vacuumed <c>review_tasks</c> that plan scans the table, and a
/// surge then filling the queues met it (68 + 14 ms per claim at 70,000 tasks, measured in psql).
/// The claim's connections price sequential scans out (<see cref="DatabaseRegistration.WithIndexScans"/>).
/// </summary>
[Collection(PooledConnectionCollection.Name)]
public sealed class ClaimPlanTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claim_PreparedWhileTheQueuesAreEmptyAndVacuumed_PlannedOnTheQueueOrderIndex()
    {
        // One connection in the claim's pool, so the statement the engine prepared can be looked at.
        var connectionString = await PostgreSqlTestDatabases.CreateAsync(Cancel) + ";Maximum Pool Size=1;Application Name=claim-plan";
        await using var engine = await EngineTestHost.StartAsync(
            new Dictionary<string, string?> { [$"{DatabaseOptions.Section}:ConnectionString"] = connectionString }, database: TestDatabase.PostgreSql);
        await engine.QueryAsync(db => db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE review_tasks", Cancel));

        for (var i = 0; i < 8; i++)
        {
            (await engine.ClaimNextAsync("worker-1", ["vog-np-mandatory", "vog-np-regular"])).Should().BeNull("the queues are empty");
        }

        var plan = await PreparedClaimPlanAsync(DatabaseRegistration.WithIndexScans(DatabaseRegistration.WithAutoPrepare(connectionString)));

        plan.Should().Contain("ix_review_tasks_queue_order").And.NotContain("Seq Scan on review_tasks");
    }

    /// <summary>The plan PostgreSQL uses for the claim statement prepared on the pool's one connection, for a claim in vog-np.</summary>
    private static async Task<string> PreparedClaimPlanAsync(string claimConnectionString)
    {
        await using var connection = new NpgsqlConnection(claimConnectionString);
        await connection.OpenAsync(Cancel);
        string name;
        string[] parameterTypes;
        await using (var prepared = new NpgsqlCommand(
            "SELECT name, parameter_types::text[] FROM pg_prepared_statements WHERE statement LIKE '%WITH next AS%'", connection))
        await using (var reader = await prepared.ExecuteReaderAsync(Cancel))
        {
            (await reader.ReadAsync(Cancel)).Should().BeTrue("the engine's claims prepared the statement on this connection");
            name = reader.GetString(0);
            parameterTypes = reader.GetFieldValue<string[]>(1);
        }

        var arguments = string.Join(", ", parameterTypes.Select(type => type switch
        {
            "text[]" => "'{vog-np-mandatory,vog-np-regular}'",
            // One text parameter is cast to json in the statement: a JSON string is both.
            "text" or "character varying" => "'\"worker-1\"'",
            "uuid" => "gen_random_uuid()",
            "json" or "jsonb" => "'\"2021-11-01T09:10:00Z\"'",
            _ => $"now()::{type}",
        }));
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE {name}({arguments})", connection);
        await using var lines = await explain.ExecuteReaderAsync(Cancel);
        var plan = new List<string>();
        while (await lines.ReadAsync(Cancel))
        {
            plan.Add(lines.GetString(0));
        }

        return string.Join('\n', plan);
    }
}
