using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Priorities;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Fair share under a surge: most open tasks sit in one queue (a childcare surge in
/// vog-np-mandatory), the rest spread over the other queues; concurrent claimers serving every queue
/// claim through the engine, and each queue's share of the claims is set beside its share of the
/// weights (the supervisor's setting in force). Whatever the engine does is reported as it is: the
/// weights' shares are the baseline the claims are measured against, not an assertion.
/// </summary>
internal static class FairnessBenchmark
{
    public const string Name = "fairness";

    private const string SurgingQueue = "vog-np-mandatory";

    /// <summary>Where the tasks go: the surge first, then one product/sector per other queue.</summary>
    private static readonly (string Queue, string Product, string? Sector)[] QueueFillers =
    [
        (SurgingQueue, "vog-np", "childcare"),
        ("vog-np-unknown", "vog-np", null),
        ("vog-np-regular", "vog-np", "general"),
        ("vog-rp-review", "vog-rp", "general"),
        ("gva-review", "gva", "general"),
    ];

    /// <summary>The surging queue's part of the open tasks.</summary>
    private const double SurgeShare = 0.7;

    public static async Task<BenchSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var sizes = context.Sizes;
        using var engine = await ScratchEngine.CreateAsync(context, "fairness", cancellationToken);
        var connectionString = engine.ConnectionString;
        var now = context.Time.GetUtcNow();
        context.Progress($"fairness: seeding {sizes.FairnessTasks:N0} open review tasks, {SurgeShare:P0} in {SurgingQueue}");
        var surge = (int)Math.Round(sizes.FairnessTasks * SurgeShare);
        var perOther = (sizes.FairnessTasks - surge) / (QueueFillers.Length - 1);
        var seededPerQueue = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < QueueFillers.Length; i++)
        {
            var (queue, product, sector) = QueueFillers[i];
            var count = i == 0 ? surge : perOther;
            seededPerQueue[queue] = await BacklogSeeder.SeedReviewTasksAsync(
                engine.Services,
                BenchApplications.Generate($"bench-fair-{context.RunId}-{i}", count, [(product, sector)], now, TimeSpan.FromDays(3), seed: 100 + i),
                now,
                cancellationToken);
        }

        await BacklogSeeder.VacuumAnalyzeAsync(connectionString, cancellationToken);
        IReadOnlyList<QueueSetting> settings;
        await using (var scope = engine.Services.CreateAsyncScope())
        {
            settings = await scope.ServiceProvider.GetRequiredService<QueueSettings>().AllAsync(cancellationToken);
        }

        var queues = settings.Where(s => !s.Paused).Select(s => s.Queue).ToArray();
        // A queue's fair share is its weight over the weights of the queues that compete with it:
        // those whose work is in the class served first (legally mandatory work goes before
        // regular work whatever the weights; the weights share out each class).
        RankingInForce inForce;
        await using (var scope = engine.Services.CreateAsyncScope())
        {
            inForce = await scope.ServiceProvider.GetRequiredService<ClassRankings>().InForceAsync(cancellationToken);
        }

        var firstClass = await FirstClassRankPerQueueAsync(connectionString, inForce.Ranking, cancellationToken);
        var servedFirst = firstClass.Count == 0 ? 0 : firstClass.Values.Min();
        var weights = settings
            .Where(s => !s.Paused && firstClass.TryGetValue(s.Queue, out var rank) && rank == servedFirst)
            .ToDictionary(s => s.Queue, s => s.Weight, StringComparer.Ordinal);
        var totalWeight = (double)weights.Values.Sum();

        // Shares are only fair while every competing queue has work: a queue that ran out cannot
        // take its share (1,500 tasks at 0.4 of 4,000 claims ran out and showed 0.375). At most
        // 80 % of the claims the first queue to run dry could feed.
        var supplied = weights.Count == 0 ? int.MaxValue
            : (int)(0.8 * weights.Min(w => seededPerQueue.GetValueOrDefault(w.Key) / (w.Value / totalWeight)));
        var claims = Math.Min(Math.Min(sizes.FairnessClaims, seededPerQueue.Values.Sum()), Math.Max(1, supplied));
        await ClaimLoad.WarmUpAsync(sizes.Claimers, i => new EngineClaimer(engine.Services, $"bench-warmup-{i}", queues), connectionString, cancellationToken);
        var sharesPerRound = new List<IReadOnlyDictionary<string, double>>();
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            context.Progress($"fairness: round {round}/{sizes.Rounds}: {sizes.Claimers} claimers, {claims:N0} claims");
            var run = await ClaimLoad.RunAsync(
                sizes.Claimers, i => new EngineClaimer(engine.Services, $"bench-fair-{i}", queues), claims, CancellationToken.None, cancellationToken);
            var claimed = Math.Max(1, run.Claimed);
            sharesPerRound.Add(queues.ToDictionary(q => q, q => run.Samples.Count(s => s.Queue == q) / (double)claimed, StringComparer.Ordinal));
            await ClaimReset.ReleaseEveryClaimAsync(connectionString, cancellationToken);
        }

        var section = new BenchSection(Name);
        section.Add("openTasks", "open tasks", seededPerQueue.Values.Sum(), "tasks");
        section.Add("claimsPerRound", "claims per round (at most 80 % of what the competing queues can feed at their shares)", claims, "claims");
        section.Add("claimers", "concurrent claimers", sizes.Claimers, "claimers");

        var worstDeviation = 0.0;
        foreach (var queue in queues)
        {
            var weightShare = weights.TryGetValue(queue, out var weight) ? weight / totalWeight : 0;
            section.Add($"seededTasks.{queue}", $"{queue}: open tasks", seededPerQueue.GetValueOrDefault(queue), "tasks");
            section.Add($"weight.{queue}", $"{queue}: weight", settings.Single(s => s.Queue == queue).Weight, "weight");
            section.Add($"classRank.{queue}", $"{queue}: rank of its first class (0 is served first)", firstClass.GetValueOrDefault(queue, -1), "rank");
            section.Add($"weightShare.{queue}", $"{queue}: share of the weights in its class", weightShare, "share");
            var claimShare = section.Measured($"claimShare.{queue}", $"{queue}: share of the claims", "share", [.. sharesPerRound.Select(s => s[queue])]);
            if (weightShare > 0)
            {
                section.Ratio($"ratioClaimShareToWeightShare.{queue}", $"{queue}: claim share / weight share", claimShare, weightShare);
            }

            worstDeviation = Math.Max(worstDeviation, Math.Abs(claimShare - weightShare));
        }

        section.Add("maxShareDeviation", "largest |claim share - weight share| of any queue", worstDeviation, "share");
        section.Note($"{SurgeShare:P0} of the open tasks are in {SurgingQueue}; every claimer serves every running queue");
        section.Note("a queue's fair share is its weight over the weights of the queues whose work is in the class served first; "
            + "queues whose work is all in later classes are served when the earlier class is empty, so their fair share here is 0; "
            + "a queue that runs out during a round hands its share to the others");
        section.Note("claim shares are what ReviewWorkQueue.ClaimNextAsync hands out now; weights are the queue settings in force (the definitions' unless a supervisor changed them)");
        return section;
    }

    /// <summary>Each queue's best (lowest) class rank in <paramref name="ranking"/> among its open tasks: the class its head is in.</summary>
    private static async Task<Dictionary<string, int>> FirstClassRankPerQueueAsync(string connectionString, ClassRanking ranking, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("""SELECT DISTINCT "Queue", "PriorityClass" FROM review_tasks WHERE "CompletedAt" IS NULL""", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rank = ranking.ServingRankOf(reader.GetString(1));
            ranks[reader.GetString(0)] = Math.Min(rank, ranks.GetValueOrDefault(reader.GetString(0), int.MaxValue));
        }

        return ranks;
    }
}
