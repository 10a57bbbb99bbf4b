using System.Globalization;

namespace BacklogFlow.Cli.Plans;

/// <summary>
/// How long a plan took, measured: preparing (arrivals, the automatic path, every case's clock) and
/// simulating the review stage <see cref="Runs"/> times (each policy, and each step of its reviewer search).
/// </summary>
internal sealed record PlanTiming(TimeSpan Prepared, TimeSpan Simulated, int Runs)
{
    public TimeSpan Total => Prepared + Simulated;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"simulation took {Total.TotalSeconds:F2} s: prepared in {Prepared.TotalSeconds:F2} s, {Runs} review runs in {Simulated.TotalSeconds:F2} s ({Simulated.TotalMilliseconds / Math.Max(1, Runs):F0} ms each)");
}
