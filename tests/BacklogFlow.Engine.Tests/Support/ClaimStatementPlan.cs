using System.Data.Common;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Review;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>
/// The plan PostgreSQL makes for the claim statement (<see cref="ClaimStatement.Sql"/>, which the
/// engine sends prepared). The engine's prepared statements live in its own sessions, so the tests
/// prepare the same text on a connection and explain (not run) it: its custom plan for these
/// arguments, or the generic plan PostgreSQL settles on after five executions.
/// </summary>
internal static class ClaimStatementPlan
{
    public static async Task<string> ExplainAsync(
        DbConnection connection, string worker, string[] queues, string[] classes, bool generic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var planMode = generic ? "force_generic_plan" : "auto";
        await ExecuteAsync(connection, $"SET plan_cache_mode = {planMode}; PREPARE claim_explained({ClaimStatement.ParameterTypes}) AS {ClaimStatement.Sql}", cancellationToken);
        try
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = $"""
                EXPLAIN EXECUTE claim_explained({Text(worker)}, {TextArray(queues)}, {TextArray(classes)}, now(), now() + interval '10 minutes',
                    {Text(AuditTrail.ActorName(worker))}, '"2021-11-01T09:10:00Z"')
                """;
            return await QueryPlan.ReadAsync(explain, planColumn: 0, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, "DEALLOCATE claim_explained; RESET plan_cache_mode", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Text(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string TextArray(string[] values) => $"ARRAY[{string.Join(", ", values.Select(Text))}]::text[]";
}
