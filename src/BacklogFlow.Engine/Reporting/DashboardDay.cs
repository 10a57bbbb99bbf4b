namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// One legal day: applications received (by their legal receipt date), decisions taken that day
/// automatically and after review, and the cases open at the end of it (received by then and not
/// decided by then: the burn-down).
/// </summary>
public sealed record DashboardDay(DateOnly Date, int Received, int DecidedAutomatically, int DecidedAfterReview, int OpenAtEndOfDay)
{
    public int Decided => DecidedAutomatically + DecidedAfterReview;
}
