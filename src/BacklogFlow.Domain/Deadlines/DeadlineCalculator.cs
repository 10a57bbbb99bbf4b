using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The statutory decision deadline. The term runs from the day after receipt, so N weeks after
/// receipt on day D ends on D + 7N (received Tue 2 Nov 2021, 4 weeks → Tue 30 Nov 2021). A case's full
/// clock (suspension, extension, service promise, penalty) is derived by <see cref="DeadlineLedger"/>.
/// </summary>
public static class DeadlineCalculator
{
    public static int TermWeeks(StatutoryTerm term, ScreeningResult? screening) =>
        term.Weeks + (screening == ScreeningResult.Record ? term.RecordExtensionWeeks : 0);

    /// <summary>The end of the term without the Algemene termijnenwet.</summary>
    public static DateOnly Compute(DateOnly receivedOn, StatutoryTerm term, ScreeningResult? screening) =>
        receivedOn.AddDays(7 * TermWeeks(term, screening));

    /// <summary>
    /// The legal deadline: the end of the term, moved by the Algemene termijnenwet to the next working
    /// day when it falls on a Saturday, Sunday or holiday and the term is not longer than
    /// <see cref="StatutoryTerm.AtwMaxTermDays"/> (received Sat 27 Nov 2021, 4 weeks → Sat 25 Dec 2021
    /// → Mon 27 Dec 2021).
    /// </summary>
    public static DateOnly Compute(DateOnly receivedOn, StatutoryTerm term, ScreeningResult? screening, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(calendar);
        var end = Compute(receivedOn, term, screening);
        return 7 * TermWeeks(term, screening) <= term.AtwMaxTermDays ? calendar.NextWorkingDayFrom(end) : end;
    }
}
