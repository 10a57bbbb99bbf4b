using System.Collections.Concurrent;
using System.Diagnostics;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Runs concurrent claimers, each on its own connection, and times every claim with
/// <see cref="Stopwatch"/>, until a budget of claims shared by all is spent (each claimer then also
/// stops when nothing is left), until told to stop (without a budget, claims that find nothing are
/// recorded and the claimer tries again), or whichever comes first. The CPU every party used and the bytes this process
/// allocated are read around the timed part, so a run says where its claims' time went.
/// </summary>
internal static class ClaimLoad
{
    public static async Task<ClaimRun> RunAsync(
        int claimers, Func<int, IClaimer> createClaimer, int? budget, CancellationToken stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createClaimer);
        var remaining = budget ?? int.MaxValue;
        var samples = new ConcurrentBag<ClaimSample>();
        var workers = Enumerable.Range(0, claimers).Select(createClaimer).ToList();
        try
        {
            // Connections are opened before the clock starts, so the run times claims, not logins.
            await Task.WhenAll(workers.Select(w => w.PrepareAsync(cancellationToken)));
            var cpuBefore = CpuUse.Now();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var started = Stopwatch.StartNew();
            await Task.WhenAll(workers.Select(worker => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested && Interlocked.Decrement(ref remaining) >= 0)
                {
                    var at = Stopwatch.GetTimestamp();
                    var queue = await worker.ClaimAsync(cancellationToken);
                    samples.Add(new ClaimSample(at, Stopwatch.GetElapsedTime(at).TotalMilliseconds, queue));
                    if (queue is null && budget is not null)
                    {
                        return;
                    }
                }
            }, cancellationToken)));
            var elapsed = started.Elapsed;
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            return new ClaimRun([.. samples.OrderBy(s => s.StartedAt)], elapsed) { Cpu = CpuUse.Now().Since(cpuBefore), AllocatedBytes = allocated };
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// How long the untimed warm-up claims. Two claims per claimer were too few: the first measured
    /// round still ran the JIT's first-tier code and compiled the rest (bench claim: the engine's
    /// claiming process spent 0.14 ms of CPU per claim in round 1 against 0.07 in rounds 2 and 3,
    /// its p99 9.5 against 5.5 ms). The runtime recompiles a method hot after 30 calls and a 100 ms
    /// quiet spell, so the warm-up claims for a while rather than a count.
    /// </summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// An untimed run of <see cref="WarmUpTime"/>, then every claim released: the measured runs then
    /// do not pay for compiling the code and the queries or for warming the connections. A claimer
    /// that finds nothing left stops: at 1,000 open tasks the backlog is gone in a tenth of a second,
    /// and trying again for the rest of the warm-up made the bare claimer (which knows without asking
    /// that every class is empty) spin, recording millions of empty claims: gigabytes allocated
    /// before the small size's measured runs (allocation sampling, 25 Nov).
    /// </summary>
    public static async Task WarmUpAsync(int claimers, Func<int, IClaimer> createClaimer, string connectionString, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource(WarmUpTime);
        await RunAsync(claimers, createClaimer, budget: int.MaxValue, stop.Token, cancellationToken);
        await ClaimReset.ReleaseEveryClaimAsync(connectionString, cancellationToken);
    }
}
