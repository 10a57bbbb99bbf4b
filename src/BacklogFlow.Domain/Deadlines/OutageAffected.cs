namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The application was affected by a registered outage: a second clock, the service promise, runs
/// from <see cref="IntendedSubmissionDate"/>, or from <see cref="OutageStart"/> when the applicant gave
/// none. When a case is affected by more than one outage, the earliest start counts (the promise most
/// favourable to the applicant).
/// </summary>
public sealed record OutageAffected(DateOnly OutageStart, DateOnly? IntendedSubmissionDate = null) : LedgerEvent
{
    /// <summary>The day the promise clock starts from; it runs from the day after.</summary>
    public DateOnly PromiseStartsFrom => IntendedSubmissionDate ?? OutageStart;

    public override DateOnly Date => PromiseStartsFrom;
}
