namespace BacklogFlow.Engine.Messaging;

/// <summary>Configuration section "BacklogFlow:Messaging".</summary>
public sealed class MessagingOptions
{
    public const string Section = "BacklogFlow:Messaging";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;
}
