namespace BacklogFlow.Cli.Bench;

/// <summary>
/// How big each benchmark is and how often it is repeated. The defaults are issue 6's targets; tests
/// run tiny versions of the same code.
/// </summary>
internal sealed record BenchSizes
{
    /// <summary>Interleaved rounds (engine, baseline, engine, baseline...); figures are medians over them.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Applications the intake benchmark publishes per round, to the engine and to each baseline.</summary>
    public int Applications { get; init; } = 70_000;

    /// <summary>Open review tasks the claim benchmark claims from (its large size).</summary>
    public int OpenTasks { get; init; } = 100_000;

    /// <summary>The claim benchmark's small size, for the p99 ratio large/small.</summary>
    public int SmallOpenTasks { get; init; } = 1_000;

    /// <summary>Concurrent claimers (claim, rebalance under load, fairness).</summary>
    public int Claimers { get; init; } = 16;

    /// <summary>Claims per measured run, all claimers together (capped by the open tasks of the size).</summary>
    public int Claims { get; init; } = 8_000;

    /// <summary>Open tasks the priority classes are reordered over.</summary>
    public int RebalanceTasks { get; init; } = 70_000;

    /// <summary>How long the claimers run quietly before the reorder starts, in the rebalance-under-load run.</summary>
    public TimeSpan QuietWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Open cases the deadline sweep walks.</summary>
    public int SweepCases { get; init; } = 1_000_000;

    /// <summary>Open review tasks of the fairness benchmark, most of them in the surging queue.</summary>
    public int FairnessTasks { get; init; } = 20_000;

    /// <summary>Claims the fairness benchmark counts per round.</summary>
    public int FairnessClaims { get; init; } = 4_000;

    /// <summary>How long one intake run may take before it counts as timed out.</summary>
    public TimeSpan IntakeTimeout { get; init; } = TimeSpan.FromMinutes(20);
}
