using System.Text;
using System.Text.Json;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Quarantine;

/// <summary>
/// Quarantines what arrives on the intake queue but can never become an application: bytes that
/// are not JSON, or JSON no consumer can read. MassTransit still moves such a message to its error
/// or skipped queue; this keeps it, with the reason, where supervisors look and can replay it.
/// </summary>
public sealed partial class UnreadableMessageObserver(
    IServiceScopeFactory scopes,
    IOptions<IntakeOptions> intakeOptions,
    TimeProvider time,
    ILogger<UnreadableMessageObserver> logger) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Received without a fault, yet no consumer took it: it would go to the skipped queue.
        return context.IsDelivered || context.IsFaulted || !IsIntake(context)
            ? Task.CompletedTask
            : QuarantineAsync(context, "no consumer could read it as an application (wrong message type or shape)");
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);

        // Consumer faults are handled (retried, then faulted) by the consume pipeline; a receive
        // fault without a consumer means the body itself could not be read.
        return context.IsDelivered || !IsIntake(context)
            ? Task.CompletedTask
            : QuarantineAsync(context, $"the body could not be read: {FirstLine(Explain(exception))}");
    }

    private bool IsIntake(ReceiveContext context) =>
        context.InputAddress.AbsolutePath.TrimEnd('/').EndsWith("/" + intakeOptions.Value.QueueName, StringComparison.Ordinal);

    private async Task QuarantineAsync(ReceiveContext context, string detail)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
            var messageId = context.TransportHeaders.Get<Guid>(MessageHeaders.MessageId)
                ?? (Guid.TryParse(context.GetMessageId()?.ToString(), out var id) ? id : null);
            var body = context.Body.GetBytes();
            var (sourceSystem, applicationId) = BestEffortIds(body);
            db.Quarantine(QuarantineReasons.Unreadable, detail, ReadableBody(body), sourceSystem, applicationId, messageId, time.GetUtcNow());
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception ex)
        {
            // The broker still holds the message in its error or skipped queue: nothing is lost,
            // but a supervisor must know the quarantine table missed one.
            LogQuarantineFailed(logger, ex, context.InputAddress);
            throw;
        }
    }

    /// <summary>Keeps text as text; anything that is not UTF-8 as base64, so nothing is altered.</summary>
    private static string ReadableBody(byte[] body)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return "base64:" + Convert.ToBase64String(body);
        }
    }

    /// <summary>
    /// The ids, where the body is JSON that has them (plain, or inside an envelope's "message"), so
    /// the rejection reaches the right sender and the quarantine entry can be found by application.
    /// </summary>
    private static (string? SourceSystem, string? ApplicationId) BestEffortIds(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                root = inner;
            }

            return root.ValueKind == JsonValueKind.Object ? (Text(root, "sourceSystem"), Text(root, "applicationId")) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>The JSON error says where (its path); otherwise the innermost cause says what.</summary>
    private static string Explain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is JsonException)
            {
                return current.Message;
            }
        }

        return exception.GetBaseException().Message;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not quarantine an unreadable message from {InputAddress}")]
    private static partial void LogQuarantineFailed(ILogger logger, Exception exception, Uri inputAddress);
}
