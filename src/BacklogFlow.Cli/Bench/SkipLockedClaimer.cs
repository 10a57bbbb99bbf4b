using Npgsql;
using NpgsqlTypes;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// The claim baseline: one bare statement that takes the first open task of a queue and class in
/// queue order, skipping rows other claimers hold, on a prepared command. Each claimer serves the
/// classes in serving order, as every claim must (mandatory work before regular work), and within
/// the first class it has not found empty yet takes the queues in turn (claims only take tasks, so
/// a class found empty in a queue stays empty there in a run): in the steady state one statement
/// per claim, on the same queue heads as the engine's claims. No transaction of its own, no audit
/// entry, no paused-queue check, no four-eyes filter, no weights: the least a claim can be on the
/// same data and the same index (led by queue and class, of the claimable tasks: leases that ran
/// out are the lease reaper's, in the engine and here alike). (Asked for every queue at once, one
/// ORDER BY over all of them cannot walk a queue-led index and sorted the whole backlog per claim:
/// minutes for a run at 100,000 open tasks. Until 25 Nov each claimer took the queues in turn and
/// in each the first class it had not found empty, so it took regular work from one queue while
/// mandatory work waited in another, and spread its claims over every queue's head where the
/// engine's share the best class's few; see the README.)
/// </summary>
internal sealed class SkipLockedClaimer(string connectionString, string worker, string[] queues, string[] classes, TimeSpan leaseDuration) : IClaimer
{
    private const string Statement = """
        UPDATE review_tasks
           SET "ClaimedBy" = @worker, "ClaimedAt" = @now, "LeaseExpiresAt" = @leaseEnd,
               "ClaimCount" = "ClaimCount" + 1, "Version" = "Version" + 1
         WHERE "Id" = (SELECT "Id" FROM review_tasks
                        WHERE "Queue" = @queue AND "PriorityClass" = @class AND "CompletedAt" IS NULL AND "LeaseExpiresAt" IS NULL AND "ParkedUntil" IS NULL
                        ORDER BY "DueDate", "ReceivedAt"
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED)
        RETURNING "Queue"
        """;

    private readonly NpgsqlConnection _connection = new(connectionString);
    private NpgsqlCommand? _command;
    /// <summary>The queue to try next (claimers start at different ones). Kept below the queue count: counting on would overflow into negative indexes after 2^31 tries.</summary>
    private int _next = (worker.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % queues.Length;

    /// <summary>The first class in serving order not yet found empty in every queue.</summary>
    private int _class;

    /// <summary>Per queue, whether the current class was found empty there.</summary>
    private readonly bool[] _emptyInClass = new bool[queues.Length];

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _connection.OpenAsync(cancellationToken);
        _command = new NpgsqlCommand(Statement, _connection);
        _command.Parameters.Add(new NpgsqlParameter("worker", NpgsqlDbType.Varchar) { Value = worker });
        _command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz));
        _command.Parameters.Add(new NpgsqlParameter("leaseEnd", NpgsqlDbType.TimestampTz));
        _command.Parameters.Add(new NpgsqlParameter("queue", NpgsqlDbType.Varchar));
        _command.Parameters.Add(new NpgsqlParameter("class", NpgsqlDbType.Varchar));
        await _command.PrepareAsync(cancellationToken);
    }

    public async Task<string?> ClaimAsync(CancellationToken cancellationToken)
    {
        var command = _command ?? throw new InvalidOperationException("PrepareAsync first");
        var now = DateTime.UtcNow;
        command.Parameters["now"].Value = now;
        command.Parameters["leaseEnd"].Value = now + leaseDuration;

        // The best class with a free task, and in it the next queue that has one; null when none has.
        for (; _class < classes.Length; _class++, Array.Clear(_emptyInClass))
        {
            command.Parameters["class"].Value = classes[_class];
            for (var tried = 0; tried < queues.Length; tried++)
            {
                var index = _next;
                _next = (_next + 1) % queues.Length;
                if (_emptyInClass[index])
                {
                    continue;
                }

                command.Parameters["queue"].Value = queues[index];
                if (await command.ExecuteScalarAsync(cancellationToken) is string queue)
                {
                    return queue;
                }

                _emptyInClass[index] = true;
            }
        }

        return null;
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
