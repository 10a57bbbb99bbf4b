using System.Text.Json;
using BacklogFlow.Engine.Persistence;

namespace BacklogFlow.Engine.Audit;

/// <summary>Adds an audit entry to the caller's unit of work, so it commits with the change it records.</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Audit(
        this BacklogFlowDbContext db, string actor, string action, string subject, object? before, object? after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor.Length > 100 ? actor[..100] : actor,
            Action = action,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }

    public static string TaskSubject(Guid id) => $"task:{id}";

    public static string CaseSubject(Guid id) => $"case:{id}";

    public static string QuarantineSubject(Guid id) => $"quarantine:{id}";

    public static string OutageSubject(Guid id) => $"outage:{id}";
}
