namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The term is suspended (Awb 4:15) from <see cref="From"/> through <see cref="To"/>, both inclusive.
/// Only suspended days inside the running term push its end; overlapping suspensions count once.
/// <see cref="SuspensionReason.ForceMajeure"/> needs <see cref="NoticeDate"/>, the date the applicant
/// was told; the other reasons may carry one.
/// </summary>
public sealed record ClockSuspended(DateOnly From, DateOnly To, SuspensionReason Reason, DateOnly? NoticeDate = null)
    : LedgerEvent
{
    public override DateOnly Date => From;

    /// <summary>Calendar days from <see cref="From"/> through <see cref="To"/> (0 when they are reversed).</summary>
    public int Days => Math.Max(0, To.DayNumber - From.DayNumber + 1);
}
