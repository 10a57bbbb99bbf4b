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
            Actor = ActorName(actor),
            Action = action,
            Subject = subject,
            Before = before is null ? null : ToJson(before),
            After = after is null ? null : ToJson(after),
        });
    }

    /// <summary>The actor as the log keeps it (at most 100 characters).</summary>
    public static string ActorName(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Length > 100 ? actor[..100] : actor;
    }

    /// <summary>A value as the log's before and after hold it.</summary>
    public static string ToJson(object value) => JsonSerializer.Serialize(value, Json);

    /// <summary>What a task's subject starts with; the one-statement claim on PostgreSQL writes its audit entry in SQL.</summary>
    public const string TaskSubjectPrefix = "task:";

    public static string TaskSubject(Guid id) => $"{TaskSubjectPrefix}{id}";

    public static string CaseSubject(Guid id) => $"case:{id}";

    public static string QuarantineSubject(Guid id) => $"quarantine:{id}";

    public static string OutageSubject(Guid id) => $"outage:{id}";
}
