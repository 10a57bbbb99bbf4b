namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// A supervisor's setting for one review queue (the queues themselves come from the workflow
/// definitions). A paused queue hands out no tasks; its tasks keep their place in the order. The
/// weight overrides the definition's fair-share weight. <see cref="Version"/> is the concurrency
/// token and the ETag of the setting.
/// </summary>
public sealed class QueueState
{
    public required string Queue { get; init; }
    public bool Paused { get; set; }

    /// <summary>The supervisor's weight; null keeps the definition's.</summary>
    public int? Weight { get; set; }

    public string? ChangedBy { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public int Version { get; set; }
}
