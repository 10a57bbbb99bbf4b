namespace BacklogFlow.Engine.Audit;

/// <summary>
/// One thing a person did: who, when, what, to which subject, and the state before and after (short
/// JSON, never personal data: ids, codes, queues, outcomes). Written in the same transaction as
/// the change it records, and never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The signed-in user (or the CLI's --by) who did it.</summary>
    public required string Actor { get; init; }

    /// <summary>An <see cref="AuditActions"/> code.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, e.g. "task:0193…", "case:0193…", "quarantine:0193…".</summary>
    public required string Subject { get; init; }

    public string? Before { get; init; }
    public string? After { get; init; }
}
