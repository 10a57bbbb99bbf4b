using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Applications for seeding a backlog straight into the database: valid, pseudonymous, received over
/// the given period before now, with the product and sector (and so the queue and priority class)
/// chosen by the caller, so a benchmark decides what its queues hold.
/// </summary>
internal static class BenchApplications
{
    /// <summary>The mix the claim and rebalance benchmarks use: every product, mandatory, regular and unknown sectors, so every queue and class.</summary>
    public static readonly (string Product, string? Sector)[] EveryQueue =
    [
        ("vog-np", "childcare"), ("vog-np", "general"), ("vog-np", null), ("vog-np", "general"),
        ("vog-np", "education"), ("vog-rp", "general"), ("gva", "general"),
    ];

    public static IEnumerable<ApplicationDetails> Generate(
        string sourceSystem, int count, IReadOnlyList<(string Product, string? Sector)> mix, DateTimeOffset now, TimeSpan receivedWithin, int seed)
    {
        ArgumentNullException.ThrowIfNull(mix);
        var random = new Random(seed);
        var minutes = Math.Max(1, (int)receivedWithin.TotalMinutes);
        for (var i = 0; i < count; i++)
        {
            var (product, sector) = mix[i % mix.Count];
            yield return new ApplicationDetails(
                sourceSystem,
                $"{seed}-{i:D8}",
                product,
                $"ap-{random.NextInt64():x16}",
                sector ?? "general",
                ["11", "12"],
                sector,
                Channels.Web,
                now.AddMinutes(-random.Next(1, minutes)),
                IntendedSubmissionDate: null);
        }
    }
}
