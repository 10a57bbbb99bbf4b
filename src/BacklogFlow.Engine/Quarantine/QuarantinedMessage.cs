namespace BacklogFlow.Engine.Quarantine;

/// <summary>A message that was not accepted, kept with the reason so a supervisor can inspect and replay it.</summary>
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
}
