using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Deadlines;

/// <summary>Configuration section "BacklogFlow:DeadlineSweep".</summary>
public sealed class DeadlineSweepOptions
{
    public const string Section = "BacklogFlow:DeadlineSweep";

    /// <summary>Run the sweeper in this process (one or a few engine processes are enough).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a sweep starts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cases looked at per transaction; the sweeper never loads more at once.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Pause between batches, so that after an outage a mass of past-due work does not hit the
    /// database (and the escalated queues) all at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PauseBetweenBatches { get; set; } = TimeSpan.FromMilliseconds(100);
}
