namespace BacklogFlow.Cli.Bench;

/// <summary>
/// What concurrent claimers did in one run: every claim's latency, the wall time of the run, and
/// (for a whole run, not a window of one) the CPU each party used and the bytes this process allocated.
/// </summary>
internal sealed record ClaimRun(IReadOnlyList<ClaimSample> Samples, TimeSpan Elapsed)
{
    public CpuUse? Cpu { get; init; }

    public long? AllocatedBytes { get; init; }

    public int Claimed => Samples.Count(s => s.Queue is not null);

    /// <summary>Claims that found no free task.</summary>
    public int Empty => Samples.Count(s => s.Queue is null);

    public double ClaimsPerSecond => Elapsed > TimeSpan.Zero ? Claimed / Elapsed.TotalSeconds : double.NaN;

    /// <summary>Milliseconds of CPU per claim made of the bench's process (the claimers) and of PostgreSQL; NaN where not measured.</summary>
    public double ClaimerCpuMsPerClaim => CpuUse.MillisecondsPer(Cpu?.Bench, Claimed);

    /// <inheritdoc cref="ClaimerCpuMsPerClaim"/>
    public double DatabaseCpuMsPerClaim => CpuUse.MillisecondsPer(Cpu?.Database, Claimed);

    /// <summary>Kilobytes this process allocated per claim made; NaN where not measured.</summary>
    public double AllocatedKbPerClaim => AllocatedBytes is { } bytes && Claimed > 0 ? bytes / 1024.0 / Claimed : double.NaN;

    public double Percentile(double percent) => Statistics.Percentile([.. Samples.Where(s => s.Queue is not null).Select(s => s.Milliseconds)], percent);

    /// <summary>This run's samples that started within [from, to) (Stopwatch ticks).</summary>
    public ClaimRun Between(long from, long to) =>
        new([.. Samples.Where(s => s.StartedAt >= from && s.StartedAt < to)], TimeSpan.FromSeconds((to - from) / (double)System.Diagnostics.Stopwatch.Frequency));
}
