namespace BacklogFlow.Engine.Quarantine;

/// <summary>
/// A message that was not accepted, kept with the reason so a supervisor can inspect it, and then
/// replay it or discard it with a reason. The entry itself is never deleted: a resolution is
/// recorded beside it.
/// </summary>
public sealed class QuarantinedMessage
{
    public required Guid Id { get; init; }
    public required DateTimeOffset QuarantinedAt { get; init; }

    /// <summary>A <see cref="QuarantineReasons"/> code.</summary>
    public required string Reason { get; init; }

    public required string Detail { get; init; }
    public string? SourceSystem { get; init; }
    public string? ApplicationId { get; init; }
    public Guid? MessageId { get; init; }

    /// <summary>The message as received (JSON), so it can be replayed unchanged.</summary>
    public required string Payload { get; init; }

    /// <summary>When a supervisor replayed or discarded it; null while it waits for one.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>A <see cref="QuarantineResolutions"/> code, once resolved.</summary>
    public string? Resolution { get; set; }

    /// <summary>Who resolved it.</summary>
    public string? ResolvedBy { get; set; }

    /// <summary>Why it was discarded (required then), or a note on the replay.</summary>
    public string? ResolutionNote { get; set; }

    /// <summary>Concurrency token: two supervisors resolving the same entry at once cannot both win.</summary>
    public int Version { get; set; }
}
