using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BacklogFlow.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// The claim statement as the database function claim_next_task, so that EF Core calls it as a
    /// cached table-valued function instead of generating its SQL on every claim (see
    /// BacklogFlow.Engine.Review.ClaimStatement, whose text the body is at this migration).
    /// </summary>
    public partial class ClaimFunction : Migration
    {
        /// <summary>The function as this migration created it (ClaimSentAsAStatement's Down creates it again).</summary>
        internal const string CreateFunctionSql = """"
            CREATE FUNCTION claim_next_task(text, text[], text[], timestamp with time zone, timestamp with time zone, text, text, text, text)
            RETURNS SETOF review_tasks
            LANGUAGE plpgsql
            AS $claim$
            BEGIN
            RETURN QUERY
            WITH next AS (
                SELECT p."Id"
                  FROM (SELECT c.class, c.rank, q.queue, q.turn
                          FROM unnest($3) WITH ORDINALITY AS c(class, rank)
                         CROSS JOIN unnest($2) WITH ORDINALITY AS q(queue, turn)
                         ORDER BY c.rank, q.turn) AS pair
                 CROSS JOIN LATERAL (
                       SELECT r."Id" FROM review_tasks AS r
                        WHERE r."Queue" = pair.queue AND r."PriorityClass" = pair.class AND r."CompletedAt" IS NULL AND r."LeaseExpiresAt" IS NULL
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
                SELECT $4, $6, $7, $8 || c."Id",
                       json_build_object('queue', c."Queue", 'priorityClass', c."PriorityClass", 'dueDate', c."DueDate",
                                         'claimCount', c."ClaimCount", 'leaseExpiresAt', $9::json)::text
                  FROM claimed AS c
            )
            SELECT * FROM claimed;
            END
            $claim$;
            """";

        internal const string DropFunctionSql =
            "DROP FUNCTION claim_next_task(text, text[], text[], timestamp with time zone, timestamp with time zone, text, text, text, text);";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreateFunctionSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropFunctionSql);
        }
    }
}
