using BacklogFlow.Engine.Persistence;
using BacklogFlow.Testing;
using Npgsql;

namespace BacklogFlow.Engine.Tests.Persistence;

/// <summary>
/// Intake's connections plan every execution anew (<see cref="DatabaseRegistration.WithCustomPlans"/>):
/// a generic plan made while a vacuumed table was empty scans it whole, and kept doing so as a surge
/// grew the table. The engine's other connections keep generic plans.
/// </summary>
public sealed class CustomPlansTests
{
    private const string InboxLookup = """SELECT "MessageId" FROM processed_messages WHERE "MessageId" = ANY($1)""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InboxLookup_RunOftenOnAnEmptyTable_IntakeConnectionPlansEachTimeWhereTheDefaultSettlesOnAGenericPlan()
    {
        var connectionString = await PostgreSqlTestDatabases.CreateAsync(Cancel);
        try
        {
            var engine = DatabaseRegistration.WithAutoPrepare(connectionString);
            (await PlansAsync(engine)).Generic.Should().BePositive("PostgreSQL settles on a generic plan after five executions");
            var intake = await PlansAsync(DatabaseRegistration.WithCustomPlans(engine));
            intake.Generic.Should().Be(0, "intake's connections never use a generic plan");
            intake.Custom.Should().Be(12);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgreSqlTestDatabases.DropAsync(connectionString);
        }
    }

    [Fact]
    public void WithCustomPlans_OptionsGiven_KeepsThemAndAddsThePlanCacheMode()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            DatabaseRegistration.WithCustomPlans("Host=db;Database=bf;Options=-c statement_timeout=5000"));

        builder.Options.Should().Be("-c statement_timeout=5000 -c plan_cache_mode=force_custom_plan");
        builder.Database.Should().Be("bf");
    }

    /// <summary>Runs the inbox look-up twelve times on one connection, prepared as Npgsql's auto-prepare would, and reads how PostgreSQL planned it.</summary>
    private static async Task<(long Generic, long Custom)> PlansAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using (var lookup = new NpgsqlCommand(InboxLookup, connection))
        {
            // A batch's worth of message ids: against them the generic plan's estimate looks cheaper.
            lookup.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. Enumerable.Range(0, 128).Select(_ => Guid.NewGuid())] });
            await lookup.PrepareAsync(Cancel);
            for (var i = 0; i < 12; i++)
            {
                await lookup.ExecuteScalarAsync(Cancel);
            }
        }

        await using var plans = new NpgsqlCommand(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1", connection);
        plans.Parameters.Add(new NpgsqlParameter<string> { TypedValue = InboxLookup });
        await using var reader = await plans.ExecuteReaderAsync(Cancel);
        (await reader.ReadAsync(Cancel)).Should().BeTrue("the look-up is prepared on this connection");
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
