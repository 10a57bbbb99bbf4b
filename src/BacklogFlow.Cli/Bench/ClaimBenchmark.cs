using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Review;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Claims at two backlog sizes: concurrent case workers claim through the engine's
/// <see cref="ReviewWorkQueue.ClaimNextAsync"/>, and, interleaved in the same run on the same data,
/// through the bare one-statement SKIP LOCKED claim. Reports p50/p99 latency and claims/s of each,
/// p99 engine/baseline, and p99 at the large size over p99 at the small one.
/// </summary>
internal static class ClaimBenchmark
{
    public const string Name = "claim";

    public static async Task<BenchSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var sizes = context.Sizes;
        var section = new BenchSection(Name);
        section.Add("claimers", "concurrent claimers", sizes.Claimers, "claimers");
        var large = await MeasureSizeAsync(context, section, sizes.OpenTasks, "Large", cancellationToken);
        var small = await MeasureSizeAsync(context, section, sizes.SmallOpenTasks, "Small", cancellationToken);
        section.Ratio("ratioP99EngineToBaselineLarge", "p99 engine / baseline (large)", large.EngineP99, large.BaselineP99);
        section.Ratio("ratioP99EngineToBaselineSmall", "p99 engine / baseline (small)", small.EngineP99, small.BaselineP99);
        section.Ratio("ratioP99LargeToSmallEngine", "engine p99 large / p99 small", large.EngineP99, small.EngineP99);
        section.Ratio("ratioP99LargeToSmallBaseline", "baseline p99 large / p99 small", large.BaselineP99, small.BaselineP99);
        section.Note("engine: ReviewWorkQueue.ClaimNextAsync (paused-queue check, transaction, claim statement, audit entry); "
            + "baseline: one UPDATE ... WHERE id = (SELECT ... WHERE queue = @queue AND class = @class ORDER BY due date, receipt LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING on a prepared command, "
            + "each claimer taking the queues in turn and, in each, the first class in serving order it has not yet found empty (so in the steady state one statement per claim)");
        section.Note("every claimer claims from every queue; leases are released (untimed) after each run, so every run starts from the seeded open tasks");
        return section;
    }

    private static async Task<(double EngineP99, double BaselineP99)> MeasureSizeAsync(
        BenchContext context, BenchSection section, int openTasks, string suffix, CancellationToken cancellationToken)
    {
        var sizes = context.Sizes;
        using var engine = await ScratchEngine.CreateAsync(context, $"claim{suffix.ToLowerInvariant()}", cancellationToken);
        var connectionString = engine.ConnectionString;
        context.Progress($"claim: seeding {openTasks:N0} open review tasks");
        var now = context.Time.GetUtcNow();
        var (seeded, _) = await BacklogSeeder.SeedReviewBacklogAsync(
            engine.Services,
            connectionString,
            count => BenchApplications.Generate($"bench-claim-{context.RunId}", count, BenchApplications.EveryQueue, now, TimeSpan.FromDays(3), seed: openTasks),
            openTasks,
            now,
            cancellationToken);

        var catalog = engine.Services.GetRequiredService<WorkflowCatalog>();
        var queues = catalog.AllQueues.Select(q => q.Name).ToArray();
        string[] classes = [.. catalog.DeclaredRanking.Order];
        var lease = engine.Services.GetRequiredService<IOptions<ReviewOptions>>().Value.LeaseDuration;
        // At most half the open tasks: a run then claims from a backlog of about its size. Claiming
        // them all measured the drain instead: the last claims find the few tasks left locked by other
        // claimers and look again, and at 1,000 open tasks those were the run's p99 (15-19 ms in every
        // round against 4-5 ms at 100,000, 24 Nov).
        var claims = Math.Min(sizes.Claims, Math.Max(1, seeded / 2));

        // Untimed warm-up, so the first measured round does not pay for compiling the engine's queries.
        context.Progress($"claim: {openTasks:N0} open, warming up");
        await ClaimLoad.WarmUpAsync(sizes.Claimers, i => new EngineClaimer(engine.Services, $"bench-warmup-{i}", queues), connectionString, cancellationToken);
        await ClaimLoad.WarmUpAsync(sizes.Claimers, i => new SkipLockedClaimer(connectionString, $"bench-warmup-{i}", queues, classes, lease), connectionString, cancellationToken);

        var engineRuns = new List<ClaimRun>();
        var baselineRuns = new List<ClaimRun>();
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            context.Progress($"claim: {openTasks:N0} open, round {round}/{sizes.Rounds}: engine");
            engineRuns.Add(await ClaimLoad.RunAsync(
                sizes.Claimers, i => new EngineClaimer(engine.Services, $"bench-engine-{i}", queues), claims, CancellationToken.None, cancellationToken));
            await ClaimReset.ReleaseEveryClaimAsync(connectionString, cancellationToken);

            context.Progress($"claim: {openTasks:N0} open, round {round}/{sizes.Rounds}: baseline");
            baselineRuns.Add(await ClaimLoad.RunAsync(
                sizes.Claimers, i => new SkipLockedClaimer(connectionString, $"bench-baseline-{i}", queues, classes, lease), claims, CancellationToken.None, cancellationToken));
            await ClaimReset.ReleaseEveryClaimAsync(connectionString, cancellationToken);
        }

        section.Add($"openTasks{suffix}", $"open tasks ({suffix.ToLowerInvariant()})", seeded, "tasks");
        section.Add($"claimsPerRun{suffix}", $"claims asked per run ({suffix.ToLowerInvariant()})", claims, "claims");
        section.Measured($"engineClaimed{suffix}", $"engine: claims made ({suffix.ToLowerInvariant()})", "claims", [.. engineRuns.Select(r => (double)r.Claimed)]);
        section.Measured($"baselineClaimed{suffix}", $"baseline: claims made ({suffix.ToLowerInvariant()})", "claims", [.. baselineRuns.Select(r => (double)r.Claimed)]);
        section.Measured($"engineP50Ms{suffix}", $"engine p50 ({suffix.ToLowerInvariant()})", "ms", [.. engineRuns.Select(r => r.Percentile(50))]);
        var engineP99 = section.Measured($"engineP99Ms{suffix}", $"engine p99 ({suffix.ToLowerInvariant()})", "ms", [.. engineRuns.Select(r => r.Percentile(99))]);
        section.Measured($"engineClaimsPerSecond{suffix}", $"engine claims/s ({suffix.ToLowerInvariant()})", "claims/s", [.. engineRuns.Select(r => r.ClaimsPerSecond)]);
        section.Measured($"baselineP50Ms{suffix}", $"baseline p50 ({suffix.ToLowerInvariant()})", "ms", [.. baselineRuns.Select(r => r.Percentile(50))]);
        var baselineP99 = section.Measured($"baselineP99Ms{suffix}", $"baseline p99 ({suffix.ToLowerInvariant()})", "ms", [.. baselineRuns.Select(r => r.Percentile(99))]);
        section.Measured($"baselineClaimsPerSecond{suffix}", $"baseline claims/s ({suffix.ToLowerInvariant()})", "claims/s", [.. baselineRuns.Select(r => r.ClaimsPerSecond)]);
        var size = suffix.ToLowerInvariant();
        foreach (var (contender, runs) in new[] { ("engine", engineRuns), ("baseline", baselineRuns) })
        {
            section.Measured($"{contender}ClaimerCpuMsPerClaim{suffix}", $"{contender}: CPU of the claiming process per claim ({size})", "ms", [.. runs.Select(r => r.ClaimerCpuMsPerClaim)]);
            section.Measured($"{contender}DatabaseCpuMsPerClaim{suffix}", $"{contender}: CPU of PostgreSQL per claim ({size})", "ms", [.. runs.Select(r => r.DatabaseCpuMsPerClaim)]);
            section.Measured($"{contender}AllocatedKbPerClaim{suffix}", $"{contender}: managed memory allocated per claim ({size})", "KB", [.. runs.Select(r => r.AllocatedKbPerClaim)]);
        }

        return (engineP99, baselineP99);
    }
}
