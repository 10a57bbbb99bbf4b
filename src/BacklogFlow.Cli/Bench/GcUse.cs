using System.Diagnostics;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// What the garbage collector cost this process during one contender's run, host start included:
/// the bytes allocated and the time every thread stood paused for collections. The engine and its
/// baselines run in this process one after the other, so their figures compare.
/// </summary>
internal sealed record GcUse(long AllocatedBytes, TimeSpan Paused, TimeSpan Elapsed)
{
    public static async Task<(T Result, GcUse Gc)> MeasureAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var result = await run();
        return (result, new GcUse(GC.GetTotalAllocatedBytes(precise: false) - allocated, GC.GetTotalPauseDuration() - paused, clock.Elapsed));
    }

    public double KilobytesPer(int messages) => messages > 0 ? AllocatedBytes / 1024.0 / messages : double.NaN;

    public double PausedShare => Elapsed > TimeSpan.Zero ? Paused / Elapsed : double.NaN;
}
