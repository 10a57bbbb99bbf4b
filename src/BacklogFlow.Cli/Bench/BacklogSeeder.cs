using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Seeds a scratch database fast, and never by hand-written rows: every case and task is made by the
/// domain (receipt, deadline, screening, routing, class) exactly as intake makes them, then
/// inserted in batches of fresh contexts. For a million cases the domain makes a sample and the
/// database copies it under new keys (<see cref="ReplicateCasesAsync"/>). Seeding is never timed.
/// </summary>
internal static class BacklogSeeder
{
    private const int BatchSize = 2_000;

    /// <summary>Cases the domain makes before the database copies them (seeding 100,000 through EF Core took minutes).</summary>
    public const int DomainSample = 20_000;

    /// <summary>Cases screened with a record, each with its review task in the queue its definition routes it to.</summary>
    public static async Task<int> SeedReviewTasksAsync(
        IServiceProvider services, IEnumerable<ApplicationDetails> applications, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<WorkflowCatalog>();
        var seeded = 0;
        foreach (var batch in applications.Chunk(BatchSize))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
            foreach (var application in batch)
            {
                var definition = catalog.Get(application.Product);
                var reviewCase = ApplicationCase.Receive(Guid.CreateVersion7(), application, definition, catalog.Calendar);
                var task = CaseRouter.AfterScreening(reviewCase, ScreeningResult.Record, definition, catalog.Calendar, now)
                    ?? throw new InvalidOperationException($"{application.Product}: a case with a record must go to review");
                db.Cases.Add(reviewCase);
                db.ReviewTasks.Add(task);
            }

            await db.SaveChangesAsync(cancellationToken);
            seeded += batch.Length;
        }

        return seeded;
    }

    /// <summary>
    /// <paramref name="total"/> cases waiting for review: a sample of at most half of them and at
    /// most <see cref="DomainSample"/> made by the domain (<see cref="SeedReviewTasksAsync"/>), copied
    /// with their tasks up to the total (<see cref="ReplicateCasesAsync"/>), then vacuumed and
    /// analysed. Copies keep the sample's queues, classes and due dates, so a large backlog has the
    /// sample's mix.
    /// </summary>
    public static async Task<(int Seeded, int MadeByTheDomain)> SeedReviewBacklogAsync(
        IServiceProvider services, string connectionString, Func<int, IEnumerable<ApplicationDetails>> applications, int total, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applications);
        // At least half copied, also in a tiny run, so the copying is exercised wherever the bench runs.
        var sample = await SeedReviewTasksAsync(services, applications(Math.Min(DomainSample, Math.Max(1, total / 2))), now, cancellationToken);
        var seeded = await ReplicateCasesAsync(connectionString, total, cancellationToken);
        await VacuumAnalyzeAsync(connectionString, cancellationToken);
        return (seeded, sample);
    }

    /// <summary>Received cases, not yet screened: open, with their deadlines, and no task.</summary>
    public static async Task<int> SeedCasesAsync(
        IServiceProvider services, IEnumerable<ApplicationDetails> applications, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<WorkflowCatalog>();
        var seeded = 0;
        foreach (var batch in applications.Chunk(BatchSize))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
            db.Cases.AddRange(batch.Select(a => ApplicationCase.Receive(Guid.CreateVersion7(), a, catalog.Get(a.Product), catalog.Calendar)));
            await db.SaveChangesAsync(cancellationToken);
            seeded += batch.Length;
        }

        return seeded;
    }

    /// <summary>
    /// Copies the cases in the database, with their review tasks, under new ids and application ids
    /// until there are <paramref name="total"/> cases: every other column (clock, deadlines, status,
    /// queue, class, due date) is the domain's, as seeded. The column lists are read from the schema,
    /// so a column added later is copied too.
    /// </summary>
    public static async Task<int> ReplicateCasesAsync(string connectionString, int total, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var caseColumns = await ColumnsAsync(connection, "cases", cancellationToken);
        var taskColumns = await ColumnsAsync(connection, "review_tasks", cancellationToken);
        var sample = await ScalarAsync(connection, "SELECT count(*) FROM cases", cancellationToken);
        var missing = total - sample;
        if (missing <= 0 || sample == 0)
        {
            return (int)sample;
        }

        var copies = (int)Math.Ceiling((double)missing / sample);
        string Copy(IReadOnlyList<string> columns, Func<string, string?> replaced) =>
            string.Join(", ", columns.Select(c => replaced(c) ?? $"o.\"{c}\""));
        foreach (var sql in new[]
        {
            // Which case is copied under which new id, in copy order, only as many as are missing.
            // The new ids are laid out as the engine's (Guid.CreateVersion7): rising with the copy
            // order, as cases arriving one after another get them. Random keys (gen_random_uuid)
            // would scatter every insert into the primary-key and case-id indexes over the whole
            // index, which no engine-made backlog does, and doubled the cost of rewriting its tasks.
            $"""
            CREATE TEMP TABLE replica AS
            WITH base AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms),
                 copied AS (
                   SELECT o."Id" AS old_id, g AS copy, row_number() OVER (ORDER BY g, o."Id") AS n
                     FROM generate_series(1, {copies}) AS g CROSS JOIN cases AS o
                    ORDER BY g, o."Id" LIMIT {missing})
            SELECT c.old_id, c.copy, b.ms + c.n AS ms, {Version7("b.ms + c.n")} AS new_id
              FROM copied AS c CROSS JOIN base AS b
            """,
            $"""
            INSERT INTO cases ({string.Join(", ", caseColumns.Select(c => $"\"{c}\""))})
            SELECT {Copy(caseColumns, c => c switch { "Id" => "r.new_id", "ApplicationId" => "o.\"ApplicationId\" || '-copy' || r.copy", _ => null })}
              FROM replica AS r JOIN cases AS o ON o."Id" = r.old_id
             ORDER BY r.new_id
            """,
            $"""
            INSERT INTO review_tasks ({string.Join(", ", taskColumns.Select(c => $"\"{c}\""))})
            SELECT {Copy(taskColumns, c => c switch { "Id" => Version7("r.ms"), "CaseId" => "r.new_id", _ => null })}
              FROM replica AS r JOIN review_tasks AS o ON o."CaseId" = r.old_id
             ORDER BY r.new_id
            """,
            "DROP TABLE replica",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1_800 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (int)await ScalarAsync(connection, "SELECT count(*) FROM cases", cancellationToken);
    }

    /// <summary>
    /// SQL for a version 7 UUID (RFC 9562) whose 48-bit timestamp is <paramref name="milliseconds"/>,
    /// the rest random: PostgreSQL 15 has no uuidv7().
    /// </summary>
    private static string Version7(string milliseconds) =>
        $"(lpad(to_hex({milliseconds}), 12, '0') || '7' || substr(md5(random()::text), 1, 3) || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid";

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        var columns = new List<string>();
        await using var read = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = @table AND table_schema = current_schema() ORDER BY ordinal_position", connection);
        read.Parameters.AddWithValue("table", table);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>Fresh planner statistics and no dead rows, so every contender meets the same tables.</summary>
    public static async Task VacuumAnalyzeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 1_800 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
