namespace BacklogFlow.Engine.Messaging;

/// <summary>
/// A message to publish, stored in the same transaction as the state change that caused it and
/// published afterwards by the <see cref="OutboxDispatcher"/>. Decisions taken by a person arrive
/// over HTTP, not as a message, so broker redelivery could never re-send them: the table can.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required string MessageType { get; init; }
    public required string Payload { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
