using System.Diagnostics;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// The deadline sweep over a large open backlog, every case waiting for review with its due date
/// spread over the whole term, on two days: an ordinary day (yesterday was swept; today's sweep
/// escalates the tasks that crossed the at-risk threshold overnight) and the worst day (every task
/// comes due at once, as after a long outage, and all of them escalate). Each against a hand-written
/// UPDATE of the same tasks in the same run. Reports seconds and the managed heap's growth.
/// </summary>
internal static class SweepBenchmark
{
    public const string Name = "sweep";

    /// <summary>vog-np with a record: four weeks plus four. Receipts spread over it spread the due dates over it.</summary>
    private static readonly TimeSpan Term = TimeSpan.FromDays(56);

    public static async Task<BenchSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var sizes = context.Sizes;
        using var engine = await ScratchEngine.CreateAsync(context, "sweep", cancellationToken);
        var connectionString = engine.ConnectionString;
        var now = context.Time.GetUtcNow();
        context.Progress($"sweep: seeding {sizes.SweepCases:N0} open cases waiting for review");
        var (seeded, sample) = await BacklogSeeder.SeedReviewBacklogAsync(
            engine.Services,
            connectionString,
            count => BenchApplications.Generate($"bench-sweep-{context.RunId}", count, [("vog-np", "childcare"), ("vog-np", "general"), ("vog-np", null)], now, Term, seed: 11),
            sizes.SweepCases,
            now,
            cancellationToken);
        await SaveRoutedClassesAsync(connectionString, cancellationToken);

        var catalog = engine.Services.GetRequiredService<WorkflowCatalog>();
        var sweeper = engine.Services.GetRequiredService<DeadlineSweeper>();
        var today = LegalTime.ToLegalDate(now);
        var ordinaryDay = OrdinaryDay(catalog, today.AddDays(14));
        var worstDay = today.AddDays((int)Term.TotalDays);
        var days = new[] { (Name: "Ordinary", Day: ordinaryDay, DayBeforeSwept: true), (Name: "Worst", Day: worstDay, DayBeforeSwept: false) };
        var figures = days.ToDictionary(d => d.Name, _ => (Engine: new List<double>(), Escalated: new List<double>(), Baseline: new List<double>(), BaselineRows: new List<double>(), Heap: new List<double>()));
        var repeat = new List<double>();
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            foreach (var (name, day, dayBeforeSwept) in days)
            {
                var f = figures[name];
                await PrepareAsync(sweeper, connectionString, day, dayBeforeSwept, cancellationToken);
                context.Progress($"sweep: round {round}/{sizes.Rounds}: {name.ToLowerInvariant()} day, engine");
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var result = await sweeper.SweepAsync(day, cancellationToken);
                f.Heap.Add((GC.GetTotalMemory(forceFullCollection: true) - before) / 1_048_576.0);
                f.Engine.Add(result.Elapsed.TotalSeconds);
                f.Escalated.Add(result.Escalated);
                if (name == "Ordinary")
                {
                    repeat.Add((await sweeper.SweepAsync(day, cancellationToken)).Elapsed.TotalSeconds);
                }

                await PrepareAsync(sweeper, connectionString, day, dayBeforeSwept, cancellationToken);
                context.Progress($"sweep: round {round}/{sizes.Rounds}: {name.ToLowerInvariant()} day, baseline");
                var (seconds, rows) = await BaselineSweepAsync(connectionString, catalog, day, cancellationToken);
                f.Baseline.Add(seconds);
                f.BaselineRows.Add(rows);
            }
        }

        var section = new BenchSection(Name);
        section.Add("cases", "open cases, each waiting for review", seeded, "cases");
        foreach (var (name, day, _) in days)
        {
            var f = figures[name];
            var label = name == "Ordinary" ? $"ordinary day ({day:yyyy-MM-dd}, yesterday swept)" : $"worst day ({day:yyyy-MM-dd}, everything due at once)";
            var engineMedian = section.Measured($"engineSeconds{name}", $"engine: {label}", "s", f.Engine);
            section.Measured($"engineEscalated{name}", $"engine: tasks escalated, {name.ToLowerInvariant()} day", "tasks", f.Escalated);
            section.Measured($"heapGrowthMb{name}", $"engine: managed heap growth, {name.ToLowerInvariant()} day", "MB", f.Heap);
            var baselineMedian = section.Measured($"baselineSeconds{name}", $"baseline: one hand-written UPDATE, {name.ToLowerInvariant()} day", "s", f.Baseline);
            section.Measured($"baselineEscalated{name}", $"baseline: tasks escalated, {name.ToLowerInvariant()} day", "tasks", f.BaselineRows);
            section.Ratio($"ratioEngineToBaseline{name}", $"seconds engine / baseline, {name.ToLowerInvariant()} day", engineMedian, baselineMedian);
        }

        section.Measured("engineRepeatSeconds", "engine: the ordinary day swept again (nothing new)", "s", repeat);
        section.Note($"the domain made {sample:N0} cases with their review tasks (receipt, clock, routing, class); the database copied them under new ids up to the size asked");
        section.Note("engine: DeadlineSweeper.SweepAsync, per escalating warning band (DeadlineRisk.Bands) one UPDATE per queue for its claimable tasks and one each for the held and the parked tasks, "
            + $"{context.Configuration.DeadlineSweep.Parallelism} at once ({DeadlineSweepOptions.Section}:Parallelism), the case's product by a semi-join where definitions disagree; "
            + "baseline: the same tasks in one UPDATE by due date and the classes served after the target, written by hand, without the product check");
        return section;
    }

    /// <summary>Keeps each task's class as routed, so every run can put it back.</summary>
    private static Task SaveRoutedClassesAsync(string connectionString, CancellationToken cancellationToken) =>
        ExecuteAsync(connectionString, cancellationToken,
            """CREATE TABLE bench_routed AS SELECT "Id", "PriorityClass" FROM review_tasks""",
            """ALTER TABLE bench_routed ADD PRIMARY KEY ("Id")""");

    /// <summary>
    /// The first day from <paramref name="from"/> on which one working day's due dates cross an
    /// escalating threshold overnight: the threshold lands on a working day that follows one. A due
    /// date falls on a working day (a term ending on a Saturday, Sunday or holiday runs on to the
    /// next working day, Atw), so a threshold on a weekend crosses nothing and one on a Monday
    /// crosses the weekend's terms as well (53,650 of 1,000,000 tasks against 18,750 on another
    /// day). Two weeks out as such, the threshold fell on a weekend two days a week: nothing was
    /// escalated, the ordinary day measured nothing, and the bench's tiny test failed those days.
    /// </summary>
    internal static DateOnly OrdinaryDay(WorkflowCatalog catalog, DateOnly from)
    {
        var thresholds = catalog.Definitions.SelectMany(d => d.DeadlineWarnings).Where(w => w.EscalateTo is not null).Select(w => w.DaysLeft).Distinct().ToList();
        var day = from;
        while (thresholds.Count > 0 && !thresholds.Any(daysLeft =>
            !catalog.Calendar.IsNonWorkingDay(day.AddDays(daysLeft)) && !catalog.Calendar.IsNonWorkingDay(day.AddDays(daysLeft - 1))))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>
    /// Every task back in its routed class (untimed), vacuumed; for the ordinary day, the day before
    /// swept too, so the timed sweep does what one day adds.
    /// </summary>
    private static async Task PrepareAsync(DeadlineSweeper sweeper, string connectionString, DateOnly day, bool dayBeforeSwept, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connectionString, cancellationToken,
            """
            UPDATE review_tasks AS t SET "PriorityClass" = r."PriorityClass"
              FROM bench_routed AS r WHERE t."Id" = r."Id" AND t."PriorityClass" <> r."PriorityClass"
            """,
            "VACUUM (ANALYZE) review_tasks");
        if (!dayBeforeSwept)
        {
            return;
        }

        await sweeper.SweepAsync(day.AddDays(-1), cancellationToken);
        await ExecuteAsync(connectionString, cancellationToken, "VACUUM (ANALYZE) review_tasks");
    }

    /// <summary>
    /// What the sweep must write at the least on <paramref name="today"/>: every open task in an
    /// escalating band, ranked after the class the band names, moved to it; one statement, by hand.
    /// </summary>
    private static async Task<(double Seconds, int Rows)> BaselineSweepAsync(
        string connectionString, WorkflowCatalog catalog, DateOnly today, CancellationToken cancellationToken)
    {
        var ranking = catalog.DeclaredRanking;
        var escalations = catalog.Definitions
            .SelectMany(d => DeadlineRisk.Bands(d.DeadlineWarnings, today))
            .Where(b => b.Warning.EscalateTo is not null)
            .Distinct()
            .ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var rows = 0;
        foreach (var band in escalations)
        {
            await using var command = new NpgsqlCommand("""
                UPDATE review_tasks SET "PriorityClass" = @class, "Version" = "Version" + 1
                 WHERE "CompletedAt" IS NULL AND "PriorityClass" = ANY(@servedAfter) AND "DueDate" <= @to AND "DueDate" >= @from
                """, connection) { CommandTimeout = 1_800 };
            command.Parameters.AddWithValue("class", band.Warning.EscalateTo!);
            command.Parameters.AddWithValue("servedAfter", ranking.ServedAfter(band.Warning.EscalateTo!));
            command.Parameters.AddWithValue("to", band.DueTo);
            command.Parameters.AddWithValue("from", band.DueFrom ?? DateOnly.MinValue);
            rows += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (Stopwatch.GetElapsedTime(started).TotalSeconds, rows);
    }

    private static async Task ExecuteAsync(string connectionString, CancellationToken cancellationToken, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1_800 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
