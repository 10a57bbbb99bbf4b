using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Quarantine;
using MassTransit;

namespace BacklogFlow.Engine.Messaging;

/// <summary>
/// The engine's bus: its consumers and its transport. Hosts and tests use the same registration (a
/// test harness only wraps it), so tests run the production pipeline; the transport is the one
/// configuration switch between embedded and production.
/// </summary>
public static class BusSetup
{
    /// <param name="messaging">Which transport, and its settings.</param>
    /// <param name="configureMore">Further consumers of the host (the surge's legacy-system side).</param>
    /// <param name="configureTransport">Transport settings of the host (tests publish raw JSON with it).</param>
    /// <param name="consumeIntake">False for a process that only publishes (engine workers elsewhere consume).</param>
    public static void ConfigureEngineBus(
        this IBusRegistrationConfigurator bus,
        MessagingOptions messaging,
        Action<IBusRegistrationConfigurator>? configureMore = null,
        Action<IBusFactoryConfigurator>? configureTransport = null,
        bool consumeIntake = true)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(messaging);
        bus.SetKebabCaseEndpointNameFormatter();
        if (consumeIntake)
        {
            bus.AddConsumer<ApplicationSubmittedConsumer, ApplicationSubmittedConsumerDefinition>();
            bus.AddReceiveObserver<IntakeFaultObserver>();
        }

        configureMore?.Invoke(bus);

        switch (messaging.Transport)
        {
            case BusTransport.InMemory:
                bus.UsingInMemory((context, transport) =>
                {
                    configureTransport?.Invoke(transport);
                    transport.ConfigureEndpoints(context);
                });
                break;
            case BusTransport.RabbitMq:
                var rabbit = messaging.RabbitMq;
                bus.UsingRabbitMq((context, transport) =>
                {
                    transport.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, host =>
                    {
                        host.Username(rabbit.Username);
                        host.Password(rabbit.Password);
                        host.PublisherConfirmation = true;
                    });
                    transport.PrefetchCount = rabbit.PrefetchCount;
                    configureTransport?.Invoke(transport);
                    transport.ConfigureEndpoints(context);
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(messaging), messaging.Transport, "unknown transport");
        }
    }
}
