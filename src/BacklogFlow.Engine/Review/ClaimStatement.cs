using BacklogFlow.Engine.Audit;

namespace BacklogFlow.Engine.Review;

/// <summary>
/// PostgreSQL: the whole claim in one statement, sent as it is with positional parameters
/// (Npgsql prepares it after its first uses) and read by <see cref="Persistence.EntityRowReader"/>.
/// <para>
/// Why not through EF Core: as raw SQL (<c>FromSql</c>) EF Core generated the text again on every
/// claim (38 KB allocated per claim); kept in the database as a table-valued function it was a
/// cached query to EF Core, but each call still cost EF's parameters and command look-up, Npgsql's
/// re-parse of EF's named parameters, and PL/pgSQL's call around the statement (8.1 KB per claim,
/// 0.08 ms of the claiming process's CPU and 0.25 ms of PostgreSQL's). Sent directly: 4.7 KB,
/// 0.054 and 0.18 ms, p50 2.7 → 1.9 ms (bench claim, 5 rounds, the same hour; see the README). The
/// migration <c>ClaimSentAsAStatement</c> dropped the function.
/// </para>
/// <para>
/// The statement: <c>pair</c> is every pair of a class ($3, in serving order) and a queue ($2, fair
/// share's order), best class first and, within it, the queue whose turn it is first; for each in
/// that order <c>next</c> probes ix_review_tasks_queue_order (led by the queue and the class, of
/// claimable tasks only, so it never walks past held ones) for the pair's first task in queue
/// order, skipping rows other claimers have locked, and stops at the first it locks: the pairs are
/// sorted (a few rows) before any probe, and the nested loop keeps that order, so the LIMIT ends
/// the walk there. A claim in the best class therefore costs the probes up to its pair, not one per
/// pair (the earlier form probed all of them to find the best class, then probed again to lock;
/// pgbench, 100,000 tasks, five queues and three classes, 16 clients on 2 cores: 9,012–9,291
/// statements/s against 11,321–11,376 now, a fifth less server time per claim). A row another
/// claimer has locked is being claimed by that statement, so passing it by takes nothing from a
/// better task (other writers lock claimable rows only for a moment: the sweep's escalation). The
/// update leases the task to $1 until $5, and the audit entry (actor $6, the action and the subject's
/// prefix as constants in the text, the lease's end as JSON $7) is written in the same statement,
/// its fields as the SQLite path writes them (the engine tests compare the two). The order is
/// <see cref="Domain.Review.QueueOrder"/>: the engine tests run the queue-order test on both
/// providers to keep the two spellings equal, and explain this statement to check the plan. A task
/// awaiting a second reviewer is skipped by the one who intended its refusal ($1), as on SQLite.
/// </para>
/// </summary>
internal static class ClaimStatement
{
    /// <summary>The parameters' types, in order ($1 … $7 in <see cref="Sql"/>), for tests that prepare it.</summary>
    public const string ParameterTypes = "text, text[], text[], timestamp with time zone, timestamp with time zone, text, text";

    public const string Sql = $$"""
        WITH next AS (
            SELECT p."Id"
              FROM (SELECT c.class, c.rank, q.queue, q.turn
                      FROM unnest($3) WITH ORDINALITY AS c(class, rank)
                     CROSS JOIN unnest($2) WITH ORDINALITY AS q(queue, turn)
                     ORDER BY c.rank, q.turn) AS pair
             CROSS JOIN LATERAL (
                   SELECT r."Id" FROM review_tasks AS r
                    WHERE r."Queue" = pair.queue AND r."PriorityClass" = pair.class AND r."CompletedAt" IS NULL AND r."LeaseExpiresAt" IS NULL AND r."ParkedUntil" IS NULL
                      AND (r."RefusalIntendedBy" IS NULL OR r."RefusalIntendedBy" <> $1)
                    ORDER BY r."DueDate", r."ReceivedAt"
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED) AS p
             ORDER BY pair.rank, pair.turn
             LIMIT 1
        ),
        claimed AS (
            UPDATE review_tasks AS t
               SET "ClaimedBy" = $1, "ClaimedAt" = $4, "LeaseExpiresAt" = $5,
                   "ClaimCount" = t."ClaimCount" + 1, "Version" = t."Version" + 1
              FROM next
             WHERE t."Id" = next."Id"
            RETURNING t.*
        ),
        audited AS (
            INSERT INTO audit_entries ("At", "Actor", "Action", "Subject", "After")
            SELECT $4, $6, '{{AuditActions.TaskClaimed}}', '{{AuditTrail.TaskSubjectPrefix}}' || c."Id",
                   json_build_object('queue', c."Queue", 'priorityClass', c."PriorityClass", 'dueDate', c."DueDate",
                                     'claimCount', c."ClaimCount", 'leaseExpiresAt', $7::json)::text
              FROM claimed AS c
        )
        SELECT * FROM claimed
        """;
}
