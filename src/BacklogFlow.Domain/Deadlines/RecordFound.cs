namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The records check found a record: the case leaves the straight-through path and the term grows by
/// the definition's <c>recordExtensionWeeks</c> (vog-np: 4 + 4 weeks). Recorded once or more, it
/// extends the term once.
/// </summary>
public sealed record RecordFound(DateTimeOffset At) : LedgerEvent
{
    public override DateOnly Date => LegalTime.ToLegalDate(At);
}
