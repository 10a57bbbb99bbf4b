namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The decision was deferred (verdaging, Awb 4:14) by <see cref="Weeks"/> with a notice to the
/// applicant on <see cref="NoticeDate"/>. The weeks lengthen the term itself; all extensions together
/// are capped by the definition's <c>maxExtensionWeeks</c>, and a notice given after the deadline in
/// force on its date is refused.
/// </summary>
public sealed record TermExtended(int Weeks, string Reason, DateOnly NoticeDate) : LedgerEvent
{
    public override DateOnly Date => NoticeDate;
}
