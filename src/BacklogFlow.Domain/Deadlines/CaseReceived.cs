namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The application was received at <see cref="At"/>. The legal date is that instant's date in
/// Europe/Amsterdam (<see cref="LegalTime"/>); the term runs from the day after.
/// </summary>
public sealed record CaseReceived(DateTimeOffset At) : LedgerEvent
{
    public override DateOnly Date => LegalTime.ToLegalDate(At);
}
