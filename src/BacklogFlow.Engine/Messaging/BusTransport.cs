namespace BacklogFlow.Engine.Messaging;

/// <summary>The message bus the engine runs on. RabbitMQ joins with the production backbone.</summary>
public enum BusTransport
{
    InMemory,
}
