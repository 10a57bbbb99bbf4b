using BacklogFlow.Contracts;
using MassTransit;

namespace BacklogFlow.Engine.Intake;

/// <summary>The bus side of intake: hands each message, with its id and its body as received, to <see cref="ApplicationIntake"/>.</summary>
public sealed class ApplicationSubmittedConsumer(ApplicationIntake intake) : IConsumer<ApplicationSubmitted>
{
    public Task Consume(ConsumeContext<ApplicationSubmitted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.ReceiveContext.Body.GetString();
        return intake.AcceptAsync(context.Message, context.MessageId, payload, context.CancellationToken);
    }
}
