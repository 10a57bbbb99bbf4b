using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Quarantine;
using MassTransit;

namespace BacklogFlow.Engine.Messaging;

/// <summary>
/// The engine's bus: its consumers and its transport. Hosts and tests use the same registration (a
/// test harness only wraps it), so tests run the production pipeline.
/// </summary>
public static class BusSetup
{
    /// <param name="configureMore">Further consumers of the host (the surge's legacy-system side).</param>
    /// <param name="configureTransport">Transport settings of the host (tests publish raw JSON with it).</param>
    public static void ConfigureEngineBus(
        this IBusRegistrationConfigurator bus,
        Action<IBusRegistrationConfigurator>? configureMore = null,
        Action<IInMemoryBusFactoryConfigurator>? configureTransport = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.SetKebabCaseEndpointNameFormatter();
        bus.AddConsumer<ApplicationSubmittedConsumer, ApplicationSubmittedConsumerDefinition>();
        bus.AddReceiveObserver<UnreadableMessageObserver>();
        configureMore?.Invoke(bus);
        bus.UsingInMemory((context, transport) =>
        {
            configureTransport?.Invoke(transport);
            transport.ConfigureEndpoints(context);
        });
    }
}
