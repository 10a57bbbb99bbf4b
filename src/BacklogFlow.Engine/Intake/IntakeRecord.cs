namespace BacklogFlow.Engine.Intake;

/// <summary>
/// The idempotency key of intake: one row per (source system, application id). A resend with the
/// same fingerprint is an exact duplicate and only counted; a different fingerprint is a conflict.
/// </summary>
public sealed class IntakeRecord
{
    public required string SourceSystem { get; init; }
    public required string ApplicationId { get; init; }
    public required string Fingerprint { get; init; }
    public required Guid CaseId { get; init; }
    public required DateTimeOffset FirstReceivedAt { get; init; }
    /// <summary>Exact resends counted; incremented in the database, so racing resends never lose a count.</summary>
    public int DuplicateCount { get; init; }
}
