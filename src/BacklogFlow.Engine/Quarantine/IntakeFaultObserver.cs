using System.Text.Json;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Observability;
using BacklogFlow.Engine.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Quarantine;

/// <summary>
/// Quarantines what arrives on the intake queue and does not become an application: bytes that are
/// not JSON, JSON no consumer can read, and messages whose processing still fails after every
/// retry (with the exception). MassTransit still moves such a message to its error or skipped
/// queue; this keeps it, with the reason, where supervisors look and can replay it.
/// </summary>
public sealed partial class IntakeFaultObserver(
    IServiceScopeFactory scopes,
    IOptions<IntakeOptions> intakeOptions,
    EngineMetrics metrics,
    TimeProvider time,
    ILogger<IntakeFaultObserver> logger) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Received without a fault, yet no consumer took it: it would go to the skipped queue.
        return context.IsDelivered || context.IsFaulted || ComesBack(context.CancellationToken) || !IsIntake(context)
            ? Task.CompletedTask
            : QuarantineAsync(context, QuarantineReasons.Unreadable, "no consumer could read it as an application (wrong message type or shape)");
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    /// <summary>
    /// The consumer failed and the retry policy gave up (MassTransit's retry holds back the fault
    /// notification until its last attempt, so this runs once per message).
    /// </summary>
    public async Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (!IsIntake(context.ReceiveContext) || ComesBack(context.CancellationToken, exception))
        {
            return;
        }

        var retries = intakeOptions.Value.RetryIntervals().Length;
        var detail = $"processing failed after {retries} retries: {exception.GetType().Name}: {FirstLine(exception.Message)}";
        try
        {
            await QuarantineAsync(context.ReceiveContext, QuarantineReasons.ProcessingFailed, detail, context.MessageId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Most likely the same outage that made processing fail. The message is still kept by
            // the broker in the intake's error queue (logged above); nothing is lost.
        }
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);

        // Consumer faults are handled (retried, then faulted) by the consume pipeline; a receive
        // fault without a consumer means the body itself could not be read.
        return context.IsDelivered || ComesBack(context.CancellationToken, exception) || !IsIntake(context)
            ? Task.CompletedTask
            : QuarantineAsync(context, QuarantineReasons.Unreadable, $"the body could not be read: {FirstLine(Explain(exception))}");
    }

    /// <summary>
    /// The message was not acknowledged and the broker delivers it again: its receive was cancelled
    /// (the broker connection dropped), or the fault is the connection's own (the acknowledgement
    /// failed). Not a failure of the message, and quarantining it as well would count it twice. A
    /// broker restart does this to every message in flight: with group commit, up to a batch.
    /// </summary>
    private static bool ComesBack(CancellationToken receive, Exception? exception = null) =>
        receive.IsCancellationRequested
        || (exception is not null && CausesOf(exception).Any(e => e is RabbitMQ.Client.Exceptions.OperationInterruptedException));

    private static IEnumerable<Exception> CausesOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private bool IsIntake(ReceiveContext context) =>
        context.InputAddress.AbsolutePath.TrimEnd('/').EndsWith("/" + intakeOptions.Value.QueueName, StringComparison.Ordinal);

    private async Task QuarantineAsync(ReceiveContext context, string reason, string detail, Guid? knownMessageId = null)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
            var messageId = knownMessageId
                ?? context.TransportHeaders.Get<Guid>(MessageHeaders.MessageId)
                ?? (Guid.TryParse(context.GetMessageId()?.ToString(), out var id) ? id : null);
            var body = context.Body.GetBytes();
            var payload = QuarantinedPayload.FromBody(body);
            var now = time.GetUtcNow();

            // Dealt with before: the row committed but the broker never heard (a broker restart
            // between the commit and the acknowledgement), so it delivers the message again. A
            // message with an id is known by the intake inbox, where the quarantine records it as
            // intake records what it took in: delivered again after a processing failure, it is
            // then acknowledged by intake as redelivered instead of being taken in as well. One
            // without an id only by its payload, when the broker marks it redelivered.
            if (messageId is { } known)
            {
                if (await db.ProcessedMessages.AnyAsync(m => m.MessageId == known, context.CancellationToken))
                {
                    metrics.IntakeMessage(IntakeOutcome.Redelivered);
                    return;
                }

                db.ProcessedMessages.Add(ProcessedMessage.Of(known, IntakeOutcome.Quarantined, now));
            }
            else if (context.Redelivered && await db.IsQuarantinedUnidentifiedAsync(reason, payload, context.CancellationToken))
            {
                metrics.IntakeMessage(IntakeOutcome.Redelivered);
                return;
            }

            var (sourceSystem, applicationId) = QuarantinedPayload.BestEffortIds(body);
            db.Quarantine(reason, detail, payload, sourceSystem, applicationId, messageId, now);
            await db.SaveChangesAsync(context.CancellationToken);
            metrics.IntakeQuarantined(reason);
        }
        catch (Exception ex)
        {
            // The broker still holds the message in its error or skipped queue: nothing is lost,
            // but a supervisor must know the quarantine table missed one.
            LogQuarantineFailed(logger, ex, reason, context.InputAddress);
            throw;
        }
    }

    /// <summary>The JSON error says where (its path); otherwise the innermost cause says what.</summary>
    private static string Explain(Exception exception) =>
        (CausesOf(exception).OfType<JsonException>().FirstOrDefault() ?? exception.GetBaseException()).Message;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not quarantine a message ({Reason}) from {InputAddress}; the broker keeps it in the error queue")]
    private static partial void LogQuarantineFailed(ILogger logger, Exception exception, string reason, Uri inputAddress);
}
