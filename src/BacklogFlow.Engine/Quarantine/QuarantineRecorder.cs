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
    /// Whether a message without an id, with this payload, is quarantined for this reason and still
    /// waits for a supervisor: what a fault observer asks of a message the broker delivers again
    /// (the same garbage sent twice by the legacy system is two messages, so only then). Messages
    /// with an id are known by the intake inbox instead.
    /// </summary>
    public static Task<bool> IsQuarantinedUnidentifiedAsync(
        this BacklogFlowDbContext db, string reason, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.QuarantinedMessages.AnyAsync(
            m => m.Reason == reason && m.ResolvedAt == null && m.MessageId == null && m.Payload == payload, cancellationToken);
    }

    private static string? Truncate(string? value) => value is { Length: > 100 } ? value[..100] : value;
}
