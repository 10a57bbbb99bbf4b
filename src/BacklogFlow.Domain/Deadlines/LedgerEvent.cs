namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// One fact about a case's clock, stored in its <see cref="DeadlineLedger"/>. Events are values: two
/// events with the same data are the same event, and the ledger is a set of them, so recording an
/// event twice, or in another order, derives the same dates. Nothing edits a stored date; every date
/// is derived from the events.
/// </summary>
public abstract record LedgerEvent
{
    private protected LedgerEvent()
    {
    }

    /// <summary>The (legal) date the event is about, for ordering and display.</summary>
    public abstract DateOnly Date { get; }
}
