using Npgsql;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Puts a claim benchmark's scratch database back as it was seeded between measured runs (never
/// timed): every lease released, the claims' audit entries removed, dead rows vacuumed, so every
/// contender claims from the same number of open tasks and the same index.
/// </summary>
internal static class ClaimReset
{
    public static async Task ReleaseEveryClaimAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var sql in new[]
        {
            """UPDATE review_tasks SET "ClaimedBy" = NULL, "ClaimedAt" = NULL, "LeaseExpiresAt" = NULL WHERE "ClaimedBy" IS NOT NULL""",
            "DELETE FROM audit_entries",
            "VACUUM (ANALYZE) review_tasks",
            "VACUUM (ANALYZE) audit_entries",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
