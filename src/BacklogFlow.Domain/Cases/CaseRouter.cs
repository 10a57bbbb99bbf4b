using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Cases;

/// <summary>
/// What happens after screening, by the definition: the straight-through path decides automatically
/// where the definition allows it; everything else becomes a review task in the routed queue with
/// its priority class (the serving order in force ranks the class when the task is claimed).
/// </summary>
public static class CaseRouter
{
    /// <returns>The review task to store, or null when the case was decided automatically.</returns>
    public static ReviewTask? AfterScreening(
        ApplicationCase screenedCase, ScreeningResult result, WorkflowDefinition definition, HolidayCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(screenedCase);
        ArgumentNullException.ThrowIfNull(definition);
        screenedCase.RecordScreening(result, now, definition, calendar);
        if (definition.AutomaticOutcome(result) is { } outcome)
        {
            screenedCase.DecideAutomatically(outcome, now, definition, calendar);
            return null;
        }

        var facts = screenedCase.Facts;
        var queue = definition.RouteToQueue(facts);
        var priorityClass = definition.ClassifyPriority(facts);
        screenedCase.SendToReview(queue, priorityClass);
        return ReviewTask.For(screenedCase, queue, priorityClass);
    }
}
