using MassTransit;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Intake;

public sealed class ApplicationSubmittedConsumerDefinition : ConsumerDefinition<ApplicationSubmittedConsumer>
{
    private readonly IntakeOptions _options;

    public ApplicationSubmittedConsumerDefinition(IOptions<IntakeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
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
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);

        // Two copies of one application racing each other: the loser hits the unique key or the
        // concurrency token, and on the next attempt sees the winner's record and counts a duplicate.
        endpointConfigurator.UseMessageRetry(r => r.Immediate(_options.ImmediateRetries));
    }
}
