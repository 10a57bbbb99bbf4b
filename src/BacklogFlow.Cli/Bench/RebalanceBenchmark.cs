using System.Diagnostics;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Priorities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// A supervisor reorders the priority classes over a large open backlog (the order is rotated, so no
/// class keeps its place): the engine's <see cref="ClassRankings.ReorderAsync"/>, which stores the
/// order and rewrites no task, against the hand-written set-based UPDATE ... CASE that gives every
/// open task its new rank in a column and index kept for the purpose (what a design that stores the
/// rank, as this engine did until 24 Nov, must do); and the claims' p99 in a window from the
/// reorder's start against the same claimers' p99 in an equal window just before it.
/// </summary>
internal static class RebalanceBenchmark
{
    public const string Name = "rebalance";

    private const string Supervisor = "bench-supervisor";

    public static async Task<BenchSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var sizes = context.Sizes;
        using var engine = await ScratchEngine.CreateAsync(context, "rebalance", cancellationToken);
        var connectionString = engine.ConnectionString;
        context.Progress($"rebalance: seeding {sizes.RebalanceTasks:N0} open review tasks");
        var now = context.Time.GetUtcNow();
        var (seeded, _) = await BacklogSeeder.SeedReviewBacklogAsync(
            engine.Services,
            connectionString,
            count => BenchApplications.Generate($"bench-rebalance-{context.RunId}", count, BenchApplications.EveryQueue, now, TimeSpan.FromDays(3), seed: 7),
            sizes.RebalanceTasks,
            now,
            cancellationToken);

        var queues = engine.Services.GetRequiredService<WorkflowCatalog>().AllQueues.Select(q => q.Name).ToArray();
        // Untimed warm-up, so the first measured reorder does not pay for compiling it.
        await EngineReorderAsync(engine.Services, cancellationToken);
        await ClaimLoad.WarmUpAsync(sizes.Claimers, i => new EngineClaimer(engine.Services, $"bench-warmup-{i}", queues), connectionString, cancellationToken);
        List<double> engineMs = [], engineRows = [], baselineMs = [], baselineRows = [], underLoadMs = [], quietP99 = [], duringP99 = [], duringEmpty = [], duringClaimed = [];
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            context.Progress($"rebalance: round {round}/{sizes.Rounds}: engine reorder");
            var (ms, rows) = await EngineReorderAsync(engine.Services, cancellationToken);
            engineMs.Add(ms);
            engineRows.Add(rows);
            await BacklogSeeder.VacuumAnalyzeAsync(connectionString, cancellationToken);

            context.Progress($"rebalance: round {round}/{sizes.Rounds}: hand-written UPDATE");
            (ms, rows) = await BaselineReorderAsync(engine.Services, connectionString, cancellationToken);
            baselineMs.Add(ms);
            baselineRows.Add(rows);
            await BacklogSeeder.VacuumAnalyzeAsync(connectionString, cancellationToken);

            context.Progress($"rebalance: round {round}/{sizes.Rounds}: engine reorder while {sizes.Claimers} claimers claim");
            using var stopClaimers = new CancellationTokenSource();
            var load = ClaimLoad.RunAsync(
                sizes.Claimers, i => new EngineClaimer(engine.Services, $"bench-claimer-{i}", queues), budget: null, stopClaimers.Token, cancellationToken);
            var quietFrom = Stopwatch.GetTimestamp();
            await Task.Delay(sizes.QuietWindow, context.Time, cancellationToken);
            var reorderFrom = Stopwatch.GetTimestamp();
            (ms, _) = await EngineReorderAsync(engine.Services, cancellationToken);
            // The window "during" is as long as the quiet one (or the reorder, if longer): a reorder
            // that takes milliseconds would otherwise be measured over a handful of claims.
            var windowLeft = sizes.QuietWindow - Stopwatch.GetElapsedTime(reorderFrom);
            if (windowLeft > TimeSpan.Zero)
            {
                await Task.Delay(windowLeft, context.Time, cancellationToken);
            }

            var reorderTo = Stopwatch.GetTimestamp();
            await stopClaimers.CancelAsync();
            var run = await load;
            underLoadMs.Add(ms);
            quietP99.Add(run.Between(quietFrom, reorderFrom).Percentile(99));
            var during = run.Between(reorderFrom, reorderTo);
            duringP99.Add(during.Percentile(99));
            duringClaimed.Add(during.Claimed);
            duringEmpty.Add(during.Empty);
            await ClaimReset.ReleaseEveryClaimAsync(connectionString, cancellationToken);
        }

        var section = new BenchSection(Name);
        section.Add("openTasks", "open tasks", seeded, "tasks");
        section.Add("claimers", "claimers during the reorder under load", sizes.Claimers, "claimers");
        var engineMedian = section.Measured("engineReorderMs", "engine: ClassRankings.ReorderAsync", "ms", engineMs);
        section.Measured("engineRerankedTasks", "engine: open tasks whose class changed rank (none rewritten)", "tasks", engineRows);
        var baselineMedian = section.Measured("baselineReorderMs", "baseline: hand-written UPDATE ... CASE of a stored rank", "ms", baselineMs);
        section.Measured("baselineRerankedTasks", "baseline: tasks re-ranked", "tasks", baselineRows);
        section.Ratio("ratioEngineToBaseline", "reorder engine / baseline", engineMedian, baselineMedian);
        section.Measured("engineReorderUnderLoadMs", "engine reorder while claimers claim", "ms", underLoadMs);
        var quiet = section.Measured("claimP99QuietMs", "claim p99, quiet (a window just before the reorder)", "ms", quietP99);
        var duringMedian = section.Measured("claimP99DuringReorderMs", "claim p99 in an equal window from the reorder's start", "ms", duringP99);
        section.Measured("claimsDuringReorder", "claims made in that window", "claims", duringClaimed);
        section.Measured("emptyClaimsDuringReorder", "claims in that window that found no free task", "claims", duringEmpty);
        section.Ratio("ratioClaimP99DuringToQuiet", "claim p99 from the reorder / quiet", duringMedian, quiet);
        section.Note("the engine stores the order and applies it when a claim reads the queues; the baseline rewrites a stored rank "
            + "column (and its queue-order index) of every open task, the work a design that stores the rank has to do");
        section.Note("the order is rotated each time, so every class changes rank; dead rows are vacuumed between runs (untimed)");
        return section;
    }

    private static async Task<(double Milliseconds, int Rows)> EngineReorderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var rankings = scope.ServiceProvider.GetRequiredService<ClassRankings>();
        var inForce = await rankings.InForceAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var (_, reranked) = await rankings.ReorderAsync(Rotate(inForce.Ranking.Order), inForce.Version, Supervisor, cancellationToken);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, reranked);
    }

    /// <summary>
    /// The set-based statement a DBA would write by hand where tasks store their class's rank: one
    /// UPDATE, one CASE over the classes, every open task. The rank column and its queue-order index
    /// (as the engine's index was while it stored the rank) are made for it untimed and dropped after.
    /// </summary>
    private static async Task<(double Milliseconds, int Rows)> BaselineReorderAsync(
        IServiceProvider services, string connectionString, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> order;
        await using (var scope = services.CreateAsyncScope())
        {
            order = Rotate((await scope.ServiceProvider.GetRequiredService<ClassRankings>().InForceAsync(cancellationToken)).Ranking.Order);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, """
            ALTER TABLE review_tasks ADD COLUMN bench_class_rank integer NOT NULL DEFAULT 0;
            CREATE INDEX bench_queue_order ON review_tasks ("Queue", bench_class_rank, "DueDate", "ReceivedAt")
             WHERE "CompletedAt" IS NULL AND "LeaseExpiresAt" IS NULL AND "ParkedUntil" IS NULL;
            ANALYZE review_tasks;
            """, cancellationToken);
        var cases = string.Concat(order.Select((_, rank) => $" WHEN @c{rank} THEN {rank}"));
        await using var command = new NpgsqlCommand(
            $"""UPDATE review_tasks SET bench_class_rank = CASE "PriorityClass"{cases} ELSE {order.Count} END WHERE "CompletedAt" IS NULL""", connection)
        { CommandTimeout = 600 };
        for (var rank = 0; rank < order.Count; rank++)
        {
            command.Parameters.AddWithValue($"c{rank}", order[rank]);
        }

        var started = Stopwatch.GetTimestamp();
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await ExecuteAsync(connection, "ALTER TABLE review_tasks DROP COLUMN bench_class_rank", cancellationToken);
        return (elapsed.TotalMilliseconds, rows);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The classes moved one place up, the first last: every class changes rank.</summary>
    private static string[] Rotate(IReadOnlyList<string> order) => [.. order.Skip(1), order[0]];
}
