using BacklogFlow.Engine.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Intake;

public sealed class ApplicationSubmittedConsumerDefinition : ConsumerDefinition<ApplicationSubmittedConsumer>
{
    private readonly IntakeOptions _options;
    private readonly MessagingOptions _messaging;

    public ApplicationSubmittedConsumerDefinition(IOptions<IntakeOptions> options, IOptions<MessagingOptions> messaging)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(messaging);
        _options = options.Value;
        _messaging = messaging.Value;
        EndpointName = _options.QueueName;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ApplicationSubmittedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);

        // Legacy systems in any language publish plain JSON; MassTransit peers send envelopes. The
        // content type picks the deserializer, and plain JSON without one is read as raw JSON too.
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit && _messaging.RabbitMq.QuorumQueues)
        {
            rabbit.SetQuorumQueue();
        }

        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);

        // Two copies of one application racing each other: the loser hits the unique key or the
        // concurrency token, and on the next (immediate) attempt sees the winner's record and counts
        // a duplicate. Slower faults get the paused retries after those; see IntakeOptions.
        var intervals = _options.RetryIntervals();
        endpointConfigurator.UseMessageRetry(r =>
        {
            if (intervals.Length == 0)
            {
                r.None();
            }
            else
            {
                r.Intervals(intervals);
            }
        });
    }
}
