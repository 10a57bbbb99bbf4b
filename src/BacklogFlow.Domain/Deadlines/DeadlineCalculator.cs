using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The statutory decision deadline. The term runs from the day after receipt, so N weeks after
/// receipt on day D ends on D + 7N (received Tue 2 Nov 2021, 4 weeks → Tue 30 Nov 2021).
/// </summary>
public static class DeadlineCalculator
{
    public static int TermWeeks(StatutoryTerm term, ScreeningResult? screening) =>
        term.Weeks + (screening == ScreeningResult.Record ? term.RecordExtensionWeeks : 0);

    public static DateOnly Compute(DateOnly receivedOn, StatutoryTerm term, ScreeningResult? screening) =>
        receivedOn.AddDays(7 * TermWeeks(term, screening));
}
