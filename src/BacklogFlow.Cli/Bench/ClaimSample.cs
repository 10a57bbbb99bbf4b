namespace BacklogFlow.Cli.Bench;

/// <summary>One claim: when it started (<see cref="System.Diagnostics.Stopwatch"/> ticks), how long it took, and the queue it got (null: none free).</summary>
internal readonly record struct ClaimSample(long StartedAt, double Milliseconds, string? Queue);
