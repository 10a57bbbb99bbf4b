using BacklogFlow.Domain.Deadlines;

namespace BacklogFlow.Cli.Deadlines;

/// <summary>
/// What `backlogflow deadline` was asked, read from its options, and the clock events it stands for.
/// Every date and every refusal comes from the domain's <see cref="DeadlineLedger"/>.
/// </summary>
internal sealed record DeadlineRequest
{
    public required string Product { get; init; }

    /// <summary>The date of receipt; the case counts as received at noon in Europe/Amsterdam that day.</summary>
    public required DateOnly ReceivedOn { get; init; }

    /// <summary>The records check found a record, on the day of receipt (intake screens at once).</summary>
    public bool RecordFound { get; init; }

    public IReadOnlyList<ClockSuspended> Suspensions { get; init; } = [];

    public TermExtended? Extension { get; init; }

    /// <summary>When the applicant wanted to apply: the case is outage-affected and gets the service promise.</summary>
    public DateOnly? IntendedSubmissionDate { get; init; }

    public DateOnly? DefaultNoticeReceivedOn { get; init; }

    /// <summary>The date the penalty exposure is counted up to; null: the most it can become.</summary>
    public DateOnly? AsOf { get; init; }

    public DeadlineLedger ToLedger()
    {
        var receivedAt = LegalTime.Noon(ReceivedOn);
        var events = new List<LedgerEvent> { new CaseReceived(receivedAt) };
        if (RecordFound)
        {
            events.Add(new RecordFound(receivedAt));
        }

        events.AddRange(Suspensions);
        if (Extension is not null)
        {
            events.Add(Extension);
        }

        if (IntendedSubmissionDate is { } intended)
        {
            // The promise runs from the intended date whenever there is one, so the outage start
            // (unknown here) is taken to be that date: it does not change any result.
            events.Add(new OutageAffected(intended, intended));
        }

        if (DefaultNoticeReceivedOn is { } notice)
        {
            events.Add(new DefaultNoticeReceived(notice));
        }

        return new DeadlineLedger(events);
    }
}
