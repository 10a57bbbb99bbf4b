using Npgsql;
using NpgsqlTypes;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// The claim baseline: one bare statement that takes the first open task in queue order, skipping
/// rows other claimers hold, on a prepared command. No transaction of its own, no audit entry, no
/// paused-queue check, no four-eyes filter: the least a claim can be on the same data.
/// </summary>
internal sealed class SkipLockedClaimer(string connectionString, string worker, string[] queues, TimeSpan leaseDuration) : IClaimer
{
    private const string Statement = """
        UPDATE review_tasks
           SET "ClaimedBy" = @worker, "ClaimedAt" = @now, "LeaseExpiresAt" = @leaseEnd, "ClaimToken" = @token,
               "ClaimCount" = "ClaimCount" + 1, "Version" = "Version" + 1
         WHERE "Id" = (SELECT "Id" FROM review_tasks
                        WHERE "Queue" = ANY(@queues) AND "CompletedAt" IS NULL
                          AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" <= @now)
                        ORDER BY "ClassRank", "DueDate", "ReceivedAt"
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED)
        RETURNING "Queue"
        """;

    private readonly NpgsqlConnection _connection = new(connectionString);
    private NpgsqlCommand? _command;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _connection.OpenAsync(cancellationToken);
        _command = new NpgsqlCommand(Statement, _connection);
        _command.Parameters.Add(new NpgsqlParameter("worker", NpgsqlDbType.Varchar) { Value = worker });
        _command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz));
        _command.Parameters.Add(new NpgsqlParameter("leaseEnd", NpgsqlDbType.TimestampTz));
        _command.Parameters.Add(new NpgsqlParameter("token", NpgsqlDbType.Uuid));
        _command.Parameters.Add(new NpgsqlParameter("queues", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = queues });
        await _command.PrepareAsync(cancellationToken);
    }

    public async Task<string?> ClaimAsync(CancellationToken cancellationToken)
    {
        var command = _command ?? throw new InvalidOperationException("PrepareAsync first");
        var now = DateTime.UtcNow;
        command.Parameters["now"].Value = now;
        command.Parameters["leaseEnd"].Value = now + leaseDuration;
        command.Parameters["token"].Value = Guid.NewGuid();
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async ValueTask DisposeAsync()
    {
        if (_command is not null)
        {
            await _command.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}
