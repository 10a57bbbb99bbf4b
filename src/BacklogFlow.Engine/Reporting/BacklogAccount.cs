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

    public int Waiting => WaitingByQueue.Values.Sum();

    /// <summary>Messages the engine has taken in and accounted for.</summary>
    public int MessagesAccountedFor => Accepted + DuplicatesIgnored + Quarantined;

    /// <summary>Accepted cases neither decided nor waiting: must be zero.</summary>
    public int CasesInLimbo => Accepted - DecidedAutomatically - DecidedAfterReview - Waiting;
}
