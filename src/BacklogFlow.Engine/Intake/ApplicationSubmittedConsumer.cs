using BacklogFlow.Contracts;
using BacklogFlow.Engine.Observability;
using MassTransit;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// The bus side of intake: hands each message, with its id and its body as received, to the
/// <see cref="IntakeBatcher"/>, and returns (so the message is acknowledged) once its batch committed.
/// </summary>
/// <remarks>The admission limit sits here, at the one consumer every channel's messages pass through.</remarks>
public sealed class ApplicationSubmittedConsumer(AdmissionGate admission, IntakeBatcher intake, EngineMetrics metrics) : IConsumer<ApplicationSubmitted>
{
    public async Task Consume(ConsumeContext<ApplicationSubmitted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await admission.WaitAsync(context.CancellationToken);
        var body = context.ReceiveContext.Body;
        var outcome = await intake.AcceptAsync(new IntakeMessage(context.Message, context.MessageId, body.GetString), context.CancellationToken);
        metrics.IntakeMessage(outcome);
    }
}
