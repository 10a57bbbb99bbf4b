namespace BacklogFlow.Contracts;

/// <summary>
/// BacklogFlow did not accept a message as an application: it is quarantined with the reason and can
/// be inspected and replayed. Ids are echoed when the message carried them.
/// </summary>
public sealed record ApplicationRejected
{
    public string? ApplicationId { get; init; }
    public string? SourceSystem { get; init; }

    /// <summary>Machine-readable reason, e.g. "invalid", "conflicting-duplicate", "unreadable".</summary>
    public required string Reason { get; init; }

    /// <summary>What is wrong, for a person.</summary>
    public required string Detail { get; init; }

    public required Guid QuarantineId { get; init; }
    public required DateTimeOffset RejectedAt { get; init; }
}
