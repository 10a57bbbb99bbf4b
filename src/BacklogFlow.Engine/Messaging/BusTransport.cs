namespace BacklogFlow.Engine.Messaging;

/// <summary>The message bus the engine runs on: in-memory embedded, RabbitMQ in production.</summary>
public enum BusTransport
{
    InMemory,
    RabbitMq,
}
