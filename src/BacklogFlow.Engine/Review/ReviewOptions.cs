using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Review;

/// <summary>Configuration section "BacklogFlow:Review".</summary>
public sealed class ReviewOptions
{
    public const string Section = "BacklogFlow:Review";

    /// <summary>How long a claim holds a task; after that the lease reaper puts it back in its queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often the lease reaper ends leases that ran out: a task whose holder walked away is
    /// claimable again at most this long after its lease ended.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseReapInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Open tasks one re-rank statement takes at the most after a priority reorder on PostgreSQL (and
    /// so holds locked at once, for claims to skip). Measured with `bench rebalance` (70,000 open
    /// tasks, 16 claimers): 2,000 kept claim p99 at 1.1 × quiet but the reorder took 2.3 × the one
    /// hand-written statement; 10,000 gave 1.6 × and 1.4 ×; one statement 25 × and 1.1 ×.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RerankBatchSize { get; set; } = 10_000;

    /// <summary>Whether the lease reaper runs in this process (tests reap by hand).</summary>
    public bool LeaseReaperEnabled { get; set; } = true;
}
