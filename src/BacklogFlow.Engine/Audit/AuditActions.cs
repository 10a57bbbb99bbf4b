namespace BacklogFlow.Engine.Audit;

/// <summary>What the audit log records.</summary>
public static class AuditActions
{
    public const string TaskClaimed = "task.claimed";
    public const string QueueChanged = "queue.changed";
    public const string PriorityReordered = "priority.reordered";
    public const string TasksMoved = "tasks.moved";
    public const string TaskReleased = "task.released";
    public const string LeaseExpired = "task.lease-expired";
    public const string TaskBackAfterHearing = "task.back-after-hearing";
    public const string CaseDecided = "case.decided";
    public const string RefusalIntended = "case.refusal-intended";
    public const string HearingResponseRecorded = "case.hearing-response-recorded";
    public const string InformationRequested = "case.information-requested";
    public const string QuarantineReplayed = "quarantine.replayed";
    public const string QuarantineDiscarded = "quarantine.discarded";
    public const string OutageRegistered = "outage.registered";
    public const string ForceMajeureApplied = "outage.force-majeure-applied";
    public const string CaseSuspendedForForceMajeure = "case.force-majeure-suspended";
}
