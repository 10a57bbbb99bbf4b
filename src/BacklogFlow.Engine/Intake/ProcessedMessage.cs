namespace BacklogFlow.Engine.Intake;

/// <summary>
/// The inbox: a message id whose effects are committed. It is written in the same transaction as
/// those effects, so a redelivered message is recognised and changes nothing twice.
/// </summary>
public sealed class ProcessedMessage
{
    public required Guid MessageId { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }

    /// <summary>What the intake did with it (an <see cref="IntakeOutcome"/> name).</summary>
    public required string Outcome { get; init; }

    /// <summary>The entry for a message intake (or the fault observer, quarantining it) dealt with.</summary>
    public static ProcessedMessage Of(Guid messageId, IntakeOutcome outcome, DateTimeOffset at) =>
        new() { MessageId = messageId, ProcessedAt = at, Outcome = outcome.ToString() };
}
