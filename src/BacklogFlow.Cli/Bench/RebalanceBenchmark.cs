using System.Diagnostics;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Priorities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// A supervisor reorders the priority classes over a large open backlog: the engine's
/// <see cref="ClassRankings.ReorderAsync"/> against the hand-written set-based UPDATE ... CASE, each
/// moving every open task to a new rank (the order is rotated, so no class keeps its place); and the
/// claims' p99 while a reorder runs against the same claimers' p99 just before it.
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
        // Untimed warm-up: one reorder and its reconcile, so the first measured reorder does not pay for compiling them.
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

            // The baseline moved the ranks away from the stored order; put them back, untimed.
            await using (var scope = engine.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ClassRankings>().ReconcileAsync(cancellationToken);
            }

            await BacklogSeeder.VacuumAnalyzeAsync(connectionString, cancellationToken);

            context.Progress($"rebalance: round {round}/{sizes.Rounds}: engine reorder while {sizes.Claimers} claimers claim");
            using var stopClaimers = new CancellationTokenSource();
            var load = ClaimLoad.RunAsync(
                sizes.Claimers, i => new EngineClaimer(engine.Services, $"bench-claimer-{i}", queues), budget: null, stopClaimers.Token, cancellationToken);
            var quietFrom = Stopwatch.GetTimestamp();
            await Task.Delay(sizes.QuietWindow, context.Time, cancellationToken);
            var reorderFrom = Stopwatch.GetTimestamp();
            (ms, _) = await EngineReorderAsync(engine.Services, cancellationToken);
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
        section.Measured("engineRerankedTasks", "engine: tasks re-ranked", "tasks", engineRows);
        var baselineMedian = section.Measured("baselineReorderMs", "baseline: hand-written UPDATE ... CASE", "ms", baselineMs);
        section.Measured("baselineRerankedTasks", "baseline: tasks re-ranked", "tasks", baselineRows);
        section.Ratio("ratioEngineToBaseline", "reorder engine / baseline", engineMedian, baselineMedian);
        section.Measured("engineReorderUnderLoadMs", "engine reorder while claimers claim", "ms", underLoadMs);
        var quiet = section.Measured("claimP99QuietMs", "claim p99, quiet (just before the reorder)", "ms", quietP99);
        var duringMedian = section.Measured("claimP99DuringReorderMs", "claim p99 while the reorder runs", "ms", duringP99);
        section.Measured("claimsDuringReorder", "claims made while the reorder ran", "claims", duringClaimed);
        section.Measured("emptyClaimsDuringReorder", "claims that found no free task while the reorder ran", "claims", duringEmpty);
        section.Ratio("ratioClaimP99DuringToQuiet", "claim p99 during reorder / quiet", duringMedian, quiet);
        section.Note("the reorder's UPDATE locks every open task until it commits and claims skip locked rows, "
            + "so a claim during the reorder may find no free task: those are counted as empty claims, not in the p99");
        section.Note("the stored order is rotated each time, so every open task changes rank; dead rows are vacuumed between runs (untimed)");
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

    /// <summary>The set-based statement a DBA would write by hand: one UPDATE, one CASE over the classes, every open task.</summary>
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
        var cases = string.Concat(order.Select((_, rank) => $" WHEN @c{rank} THEN {rank}"));
        await using var command = new NpgsqlCommand(
            $"""UPDATE review_tasks SET "ClassRank" = CASE "PriorityClass"{cases} ELSE "ClassRank" END WHERE "CompletedAt" IS NULL""", connection)
        { CommandTimeout = 600 };
        for (var rank = 0; rank < order.Count; rank++)
        {
            command.Parameters.AddWithValue($"c{rank}", order[rank]);
        }

        var started = Stopwatch.GetTimestamp();
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, rows);
    }

    /// <summary>The classes moved one place up, the first last: every class changes rank.</summary>
    private static string[] Rotate(IReadOnlyList<string> order) => [.. order.Skip(1), order[0]];
}
