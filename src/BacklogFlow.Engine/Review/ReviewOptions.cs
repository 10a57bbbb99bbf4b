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

    /// <summary>Whether the lease reaper runs in this process (tests reap by hand).</summary>
    public bool LeaseReaperEnabled { get; set; } = true;
}
