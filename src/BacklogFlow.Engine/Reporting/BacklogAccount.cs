using BacklogFlow.Engine.Quarantine;

namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// Where every message from one source system went. Messages = accepted + duplicates + quarantined;
/// accepted = decided automatically + decided after review + waiting in queues.
/// </summary>
public sealed record BacklogAccount(
    string SourceSystem,
    int Accepted,
    int DuplicatesIgnored,
    IReadOnlyDictionary<string, int> QuarantinedByReason,
    int DecidedAutomatically,
    int DecidedAfterReview,
    IReadOnlyDictionary<string, int> WaitingByQueue,
    int PendingOutboxMessages)
{
    public int Quarantined => QuarantinedByReason.Values.Sum();

    /// <summary>Quarantined because processing kept failing: not the sender's fault, so not rejected; awaiting a replay.</summary>
    public int ProcessingFailed => QuarantinedByReason.GetValueOrDefault(QuarantineReasons.ProcessingFailed);

    /// <summary>Quarantined messages the sender was told about (<c>ApplicationRejected</c>).</summary>
    public int Rejected => Quarantined - ProcessingFailed;

    public int Waiting => WaitingByQueue.Values.Sum();

    /// <summary>Messages the engine has taken in and accounted for.</summary>
    public int MessagesAccountedFor => Accepted + DuplicatesIgnored + Quarantined;

    /// <summary>Accepted cases neither decided nor waiting: must be zero.</summary>
    public int CasesInLimbo => Accepted - DecidedAutomatically - DecidedAfterReview - Waiting;
}
