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

    /// <summary>
    /// Statements in flight at once on PostgreSQL, each on a connection of its own: one backend
    /// rewrites rows on one core, so a large sweep (everything due at once) takes the database's
    /// cores only through several. SQLite has one writer and always runs them one at a time.
    /// </summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 2;
}
