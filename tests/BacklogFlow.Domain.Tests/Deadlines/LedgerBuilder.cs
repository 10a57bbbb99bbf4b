using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Tests.Deadlines;

/// <summary>Short ways to write clock events and terms in the deadline tests.</summary>
public static class LedgerBuilder
{
    public static readonly StatutoryTerm FourWeeks = new(4, 4, 4, "see the statute");

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>Noon in Amsterdam on that date.</summary>
    public static DateTimeOffset Noon(int year, int month, int day) => LegalTime.Noon(new DateOnly(year, month, day));

    public static CaseReceived Received(int year, int month, int day) => new(Noon(year, month, day));

    public static CaseDecided Decided(int year, int month, int day) => new(Noon(year, month, day));

    public static RecordFound Record(int year, int month, int day) => new(Noon(year, month, day));

    public static ClockSuspended Suspended(
        DateOnly from, DateOnly to, SuspensionReason reason = SuspensionReason.RequestToComplete, DateOnly? notice = null) =>
        new(from, to, reason, notice);

    public static DeadlineComputation Compute(
        StatutoryTerm term, DateOnly? asOf, params LedgerEvent[] events) =>
        new DeadlineLedger(events).Compute(term, ShippedCalendar.Calendar, asOf);

    public static DeadlineComputation Compute(StatutoryTerm term, params LedgerEvent[] events) =>
        Compute(term, asOf: null, events);

    public static DeadlineLedgerException Refused(StatutoryTerm term, params LedgerEvent[] events)
    {
        var act = () => Compute(term, events);
        return act.Should().Throw<DeadlineLedgerException>().Which;
    }
}
