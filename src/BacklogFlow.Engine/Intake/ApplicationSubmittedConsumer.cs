using BacklogFlow.Contracts;
using BacklogFlow.Engine.Observability;
using MassTransit;

namespace BacklogFlow.Engine.Intake;

/// <summary>The bus side of intake: hands each message, with its id and its body as received, to <see cref="ApplicationIntake"/>.</summary>
public sealed class ApplicationSubmittedConsumer(ApplicationIntake intake, EngineMetrics metrics) : IConsumer<ApplicationSubmitted>
{
    public async Task Consume(ConsumeContext<ApplicationSubmitted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.ReceiveContext.Body.GetString();
        var outcome = await intake.AcceptAsync(context.Message, context.MessageId, payload, context.CancellationToken);
        metrics.IntakeMessage(outcome);
    }
}
