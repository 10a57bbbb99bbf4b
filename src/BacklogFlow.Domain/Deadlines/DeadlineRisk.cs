using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// How close an open case is to its due date, by the definition's warning thresholds: the narrowest
/// threshold it has reached, and whether the legal deadline has passed (a breach).
/// </summary>
public sealed record DeadlineRisk(DeadlineWarning? Warning, bool Breached)
{
    public static readonly DeadlineRisk None = new(null, false);

    /// <param name="warnings">Widest threshold first, as the definition keeps them.</param>
    public static DeadlineRisk Assess(DateOnly effectiveDueDate, DateOnly legalDeadline, DateOnly today, IReadOnlyList<DeadlineWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var daysLeft = effectiveDueDate.DayNumber - today.DayNumber;
        var reached = warnings.LastOrDefault(w => daysLeft <= w.DaysLeft);
        return new DeadlineRisk(reached, today > legalDeadline);
    }

    /// <summary>The widest threshold of a definition: cases due later than this need no look yet.</summary>
    public static int Horizon(IEnumerable<WorkflowDefinition> definitions) =>
        definitions.SelectMany(d => d.DeadlineWarnings).Select(w => w.DaysLeft).DefaultIfEmpty(0).Max();
}
