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
}
