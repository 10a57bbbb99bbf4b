using BacklogFlow.Contracts;

namespace BacklogFlow.Engine.Intake;

/// <summary>One message for intake: the application as read, the bus's message id, and the body as received (kept if it is quarantined).</summary>
public sealed record IntakeMessage(ApplicationSubmitted Message, Guid? MessageId, string Payload)
{
    /// <summary>Messages with the same key must not share a batch: the second must see the first's effects.</summary>
    public string Key => $"{Message.SourceSystem}\n{Message.ApplicationId}";
}
