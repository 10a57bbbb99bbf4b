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
/// domain (receipt, deadline, screening, routing, class rank) exactly as intake makes them, then
/// inserted in batches of fresh contexts. For a million cases the domain makes a sample and the
/// database copies it under new keys (<see cref="ReplicateCasesAsync"/>). Seeding is never timed.
/// </summary>
internal static class BacklogSeeder
{
    private const int BatchSize = 2_000;

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
                var task = CaseRouter.AfterScreening(reviewCase, ScreeningResult.Record, definition, catalog.Calendar, catalog.DeclaredRanking, now)
                    ?? throw new InvalidOperationException($"{application.Product}: a case with a record must go to review");
                db.Cases.Add(reviewCase);
                db.ReviewTasks.Add(task);
            }

            await db.SaveChangesAsync(cancellationToken);
            seeded += batch.Length;
        }

        return seeded;
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
    /// Copies the cases in the database under new ids and application ids until there are
    /// <paramref name="total"/>: every other column (clock, deadlines, status) is the domain's, as
    /// seeded. The column list is read from the schema, so a column added later is copied too.
    /// </summary>
    public static async Task<int> ReplicateCasesAsync(string connectionString, int total, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var columns = new List<string>();
        await using (var read = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'cases' AND table_schema = current_schema() ORDER BY ordinal_position", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.GetString(0));
            }
        }

        var sample = await ScalarAsync(connection, "SELECT count(*) FROM cases", cancellationToken);
        var copies = (int)Math.Ceiling((double)(total - sample) / Math.Max(1, sample));
        var target = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var source = string.Join(", ", columns.Select(c => c switch
        {
            "Id" => "gen_random_uuid()",
            "ApplicationId" => "c.\"ApplicationId\" || '-copy' || g",
            _ => $"c.\"{c}\"",
        }));
        for (var copy = 1; copy <= copies; copy++)
        {
            var missing = total - await ScalarAsync(connection, "SELECT count(*) FROM cases", cancellationToken);
            if (missing <= 0)
            {
                break;
            }

            await using var insert = new NpgsqlCommand(
                $"INSERT INTO cases ({target}) SELECT {source} FROM (SELECT * FROM cases WHERE \"ApplicationId\" NOT LIKE '%-copy%' LIMIT @missing) AS c, (SELECT @copy AS g) AS n",
                connection) { CommandTimeout = 600 };
            insert.Parameters.AddWithValue("missing", missing);
            insert.Parameters.AddWithValue("copy", copy);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return (int)await ScalarAsync(connection, "SELECT count(*) FROM cases", cancellationToken);
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
