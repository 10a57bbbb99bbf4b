using System.Diagnostics;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// The deadline sweep over a large open backlog, every case due within the warning horizon: the
/// engine's <see cref="DeadlineSweeper.SweepBatchAsync"/> until a batch comes back empty, against a
/// bare batched UPDATE of the swept day over the same (status, due date) index. Reports seconds and
/// the managed heap's growth during the engine's sweep.
/// </summary>
internal static class SweepBenchmark
{
    public const string Name = "sweep";

    /// <summary>Cases the domain makes; the database copies them up to the asked size.</summary>
    private const int DomainSample = 20_000;

    public static async Task<BenchSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var sizes = context.Sizes;
        using var engine = await ScratchEngine.CreateAsync(context, "sweep", cancellationToken);
        var connectionString = engine.ConnectionString;
        var now = context.Time.GetUtcNow();
        context.Progress($"sweep: seeding {sizes.SweepCases:N0} open cases");

        // Received 22 to 27 days ago: a four-week term ends within the widest warning (7 days), so every case is swept.
        var sample = Math.Min(DomainSample, Math.Max(1, sizes.SweepCases / 2));
        await BacklogSeeder.SeedCasesAsync(
            engine.Services,
            BenchApplications.Generate($"bench-sweep-{context.RunId}", sample, [("vog-np", "childcare"), ("vog-np", "general"), ("vog-np", null)],
                now.AddDays(-22), TimeSpan.FromDays(5), seed: 11),
            cancellationToken);
        var seeded = await BacklogSeeder.ReplicateCasesAsync(connectionString, sizes.SweepCases, cancellationToken);
        await BacklogSeeder.VacuumAnalyzeAsync(connectionString, cancellationToken);

        var catalog = engine.Services.GetRequiredService<WorkflowCatalog>();
        var sweeper = engine.Services.GetRequiredService<DeadlineSweeper>();
        List<double> engineSeconds = [], engineExamined = [], heapGrowth = [], heapPeakGrowth = [], baselineSeconds = [], baselineRows = [];
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            await ResetAsync(connectionString, cancellationToken);
            context.Progress($"sweep: round {round}/{sizes.Rounds}: engine");
            var (seconds, examined, growth, peakGrowth) = await EngineSweepAsync(sweeper, cancellationToken);
            engineSeconds.Add(seconds);
            engineExamined.Add(examined);
            heapGrowth.Add(growth);
            heapPeakGrowth.Add(peakGrowth);

            await ResetAsync(connectionString, cancellationToken);
            context.Progress($"sweep: round {round}/{sizes.Rounds}: baseline");
            var today = LegalTime.ToLegalDate(context.Time.GetUtcNow());
            (seconds, var rows) = await BaselineSweepAsync(
                connectionString, today, today.AddDays(DeadlineRisk.Horizon(catalog.Definitions)), context.Configuration.DeadlineSweep.BatchSize, cancellationToken);
            baselineSeconds.Add(seconds);
            baselineRows.Add(rows);
        }

        var section = new BenchSection(Name);
        section.Add("cases", "open cases", seeded, "cases");
        section.Add("batchSize", "batch size (BacklogFlow:DeadlineSweep:BatchSize)", context.Configuration.DeadlineSweep.BatchSize, "cases");
        var engineMedian = section.Measured("engineSeconds", "engine: SweepBatchAsync until empty", "s", engineSeconds);
        section.Measured("engineCasesExamined", "engine: cases examined", "cases", engineExamined);
        section.Measured("engineCasesPerSecond", "engine: cases/s", "cases/s", [.. engineExamined.Zip(engineSeconds, (n, s) => n / s)]);
        section.Measured("heapGrowthMb", "managed heap growth, after - before (forced GC both ends)", "MB", heapGrowth);
        section.Measured("heapPeakGrowthMb", "managed heap growth, peak after any batch - before", "MB", heapPeakGrowth);
        var baselineMedian = section.Measured("baselineSeconds", "baseline: batched UPDATE until none left", "s", baselineSeconds);
        section.Measured("baselineCasesUpdated", "baseline: cases updated", "cases", baselineRows);
        section.Ratio("ratioEngineToBaseline", "sweep seconds engine / baseline", engineMedian, baselineMedian);
        section.Note($"the domain made {sample:N0} cases (receipt, clock, deadlines); the database copied them under new ids up to the size asked");
        section.Note("the engine's sweep is called batch after batch without its configured pause between batches (PauseBetweenBatches), which a running worker adds");
        section.Note("the baseline only stamps the swept day; the engine also assesses each case's risk through the domain, flags warnings and escalates tasks");
        return section;
    }

    private static async Task<(double Seconds, int Examined, double GrowthMb, double PeakGrowthMb)> EngineSweepAsync(
        DeadlineSweeper sweeper, CancellationToken cancellationToken)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        var examined = 0;
        var started = Stopwatch.GetTimestamp();
        DateOnly? dueFrom = null;
        while (await sweeper.SweepBatchAsync(dueFrom, cancellationToken) is { Examined: > 0 } batch)
        {
            dueFrom = batch.LastDue;
            examined += batch.Examined;
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        peak = Math.Max(peak, GC.GetGCMemoryInfo().HeapSizeBytes);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (seconds, examined, (after - before) / 1_048_576.0, (peak - before) / 1_048_576.0);
    }

    /// <summary>What a sweep needs at the least: stamp the day on the next batch of due cases, over the same index, until none is left.</summary>
    private static async Task<(double Seconds, int Rows)> BaselineSweepAsync(
        string connectionString, DateOnly today, DateOnly horizon, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE cases SET "LastSweptOn" = @today
             WHERE "Id" IN (SELECT "Id" FROM cases
                             WHERE "Status" <> @decided AND "EffectiveDueDate" <= @horizon
                               AND ("LastSweptOn" IS NULL OR "LastSweptOn" < @today)
                             ORDER BY "EffectiveDueDate"
                             LIMIT @batch)
            """, connection);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("decided", nameof(CaseStatus.Decided));
        command.Parameters.AddWithValue("horizon", horizon);
        command.Parameters.AddWithValue("batch", batchSize);
        await command.PrepareAsync(cancellationToken);
        var total = 0;
        var started = Stopwatch.GetTimestamp();
        int rows;
        while ((rows = await command.ExecuteNonQueryAsync(cancellationToken)) > 0)
        {
            total += rows;
        }

        return (Stopwatch.GetElapsedTime(started).TotalSeconds, total);
    }

    /// <summary>Every case unswept again, its warning and breach cleared, and the table vacuumed: the same work for every run (untimed).</summary>
    private static async Task ResetAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var sql in new[]
        {
            """UPDATE cases SET "LastSweptOn" = NULL, "DeadlineWarning" = NULL, "BreachRecordedAt" = NULL WHERE "LastSweptOn" IS NOT NULL""",
            "VACUUM (ANALYZE) cases",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1_800 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
