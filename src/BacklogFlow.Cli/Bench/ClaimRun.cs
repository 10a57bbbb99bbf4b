namespace BacklogFlow.Cli.Bench;

/// <summary>What concurrent claimers did in one run: every claim's latency, and the wall time of the run.</summary>
internal sealed record ClaimRun(IReadOnlyList<ClaimSample> Samples, TimeSpan Elapsed)
{
    public int Claimed => Samples.Count(s => s.Queue is not null);

    /// <summary>Claims that found no free task.</summary>
    public int Empty => Samples.Count(s => s.Queue is null);

    public double ClaimsPerSecond => Elapsed > TimeSpan.Zero ? Claimed / Elapsed.TotalSeconds : double.NaN;

    public double Percentile(double percent) => Statistics.Percentile([.. Samples.Where(s => s.Queue is not null).Select(s => s.Milliseconds)], percent);

    /// <summary>This run's samples that started within [from, to) (Stopwatch ticks).</summary>
    public ClaimRun Between(long from, long to) =>
        new([.. Samples.Where(s => s.StartedAt >= from && s.StartedAt < to)], TimeSpan.FromSeconds((to - from) / (double)System.Diagnostics.Stopwatch.Frequency));
}
