using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Planning;

/// <summary>
/// A clock shared by every simulated case with the same product, receipt date, screening result and
/// service-promise start: the ledger the engine would record for them and the dates the domain derives
/// from it. Cases share it because the derivation depends on nothing else; a live case has its own.
/// </summary>
internal sealed class ClockTemplate
{
    private readonly Dictionary<(int NoticeDay, int DecidedDay), decimal> _penalties = [];

    public ClockTemplate(WorkflowDefinition definition, HolidayCalendar calendar, DeadlineLedger ledger)
    {
        Definition = definition;
        Calendar = calendar;
        Ledger = ledger;
        var computed = ledger.Compute(definition.Term, calendar);
        LegalDeadline = computed.LegalDeadline;
        ServicePromise = computed.ServicePromiseDeadline;
        DueDate = computed.EffectiveDueDate;
    }

    public WorkflowDefinition Definition { get; }
    public HolidayCalendar Calendar { get; }
    public DeadlineLedger Ledger { get; }
    public DateOnly LegalDeadline { get; }
    public DateOnly? ServicePromise { get; }
    public DateOnly DueDate { get; }

    /// <summary>
    /// The penalty forfeited by <paramref name="asOf"/> when a notice of default is received on
    /// <paramref name="notice"/> and the case is decided on <paramref name="decided"/> (null: still
    /// open): the ledger with those events, computed by the domain (Awb 4:17).
    /// </summary>
    public decimal PenaltyExposure(DateOnly notice, DateOnly? decided, DateOnly asOf)
    {
        var key = (notice.DayNumber, decided?.DayNumber ?? -1);
        if (!_penalties.TryGetValue(key, out var amount))
        {
            IEnumerable<LedgerEvent> events = [.. Ledger.Events, new DefaultNoticeReceived(notice)];
            if (decided is { } day)
            {
                events = events.Append(new CaseDecided(LegalTime.Noon(day)));
            }

            amount = new DeadlineLedger(events).Compute(Definition.Term, Calendar, asOf).PenaltyExposure;
            _penalties.Add(key, amount);
        }

        return amount;
    }
}
