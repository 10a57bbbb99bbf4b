namespace BacklogFlow.Domain.Deadlines;

/// <summary>The decision was taken at <see cref="At"/>; its legal date is the Europe/Amsterdam date.</summary>
public sealed record CaseDecided(DateTimeOffset At) : LedgerEvent
{
    public override DateOnly Date => LegalTime.ToLegalDate(At);
}
