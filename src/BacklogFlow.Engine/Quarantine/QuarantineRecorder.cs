using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Quarantine;

/// <summary>
/// Keeps a rejected message with its reason and, when the message is at fault
/// (<see cref="QuarantineReasons.NotifiesSender"/>), tells the sender, in the caller's unit of work:
/// the quarantine row and the <see cref="ApplicationRejected"/> reply commit together.
/// </summary>
public static class QuarantineRecorder
{
    public static QuarantinedMessage Quarantine(
        this BacklogFlowDbContext db,
        string reason,
        string detail,
        string payload,
        string? sourceSystem,
        string? applicationId,
        Guid? messageId,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = new QuarantinedMessage
        {
            Id = Guid.CreateVersion7(now),
            QuarantinedAt = now,
            Reason = reason,
            Detail = detail.Length > 2000 ? detail[..2000] : detail,
            SourceSystem = Truncate(sourceSystem),
            ApplicationId = Truncate(applicationId),
            MessageId = messageId,
            Payload = payload,
        };
        db.QuarantinedMessages.Add(entry);
        if (!QuarantineReasons.NotifiesSender(reason))
        {
            return entry;
        }

        db.Enqueue(new ApplicationRejected
        {
            ApplicationId = entry.ApplicationId,
            SourceSystem = entry.SourceSystem,
            Reason = reason,
            Detail = entry.Detail,
            QuarantineId = entry.Id,
            RejectedAt = now,
        }, now);
        return entry;
    }

    /// <summary>
    /// The same message, quarantined before and still waiting for a supervisor. A fault observer
    /// asks before it keeps a message: when the row committed but the broker never heard (a broker
    /// restart between the commit and the acknowledgement), the broker delivers the message again.
    /// Known by its message id; a message without one only by its payload, and only when the broker
    /// marks it redelivered (the same garbage sent twice by the legacy system is two messages).
    /// </summary>
    public static Task<QuarantinedMessage?> FindOpenQuarantineAsync(
        this BacklogFlowDbContext db, string reason, Guid? messageId, string? redeliveredPayload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = db.QuarantinedMessages.Where(m => m.Reason == reason && m.ResolvedAt == null);
        return messageId is { } id ? open.FirstOrDefaultAsync(m => m.MessageId == id, cancellationToken)
            : redeliveredPayload is not null ? open.FirstOrDefaultAsync(m => m.MessageId == null && m.Payload == redeliveredPayload, cancellationToken)
            : Task.FromResult<QuarantinedMessage?>(null);
    }

    private static string? Truncate(string? value) => value is { Length: > 100 } ? value[..100] : value;
}
