using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Web.Api;

/// <summary>
/// A case as a reviewer sees it: what was applied for, the screening result, and its clock as the
/// domain derives it (legal deadline, promise, suspensions, days left, the rules applied). The
/// applicant is only the pseudonymous reference.
/// </summary>
public sealed record CaseView(
    Guid Id,
    string SourceSystem,
    string ApplicationId,
    string Product,
    string ApplicantReference,
    string? ScreeningProfile,
    string? Sector,
    string Channel,
    string Mandatory,
    string? Screening,
    string Status,
    string? Queue,
    string? PriorityClass,
    string? Outcome,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    RefusalIntentView? RefusalIntent,
    ClockView Clock)
{
    public static CaseView Of(ApplicationCase shown, WorkflowDefinition definition, HolidayCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var clock = shown.ComputeClock(definition, calendar, today);
        return new(
            shown.Id, shown.SourceSystem, shown.ApplicationId, shown.Product, shown.ApplicantReference,
            shown.ScreeningProfile, shown.Sector, shown.Channel,
            YamlSpellings.Of(shown.Mandatory),
            shown.Screening is { } screening ? YamlSpellings.Of(screening) : null,
            shown.Status.ToString(), shown.Queue, shown.PriorityClass,
            shown.Outcome is { } outcome ? YamlSpellings.Of(outcome) : null,
            shown.DecidedAt, shown.DecidedBy,
            RefusalIntentView.Of(shown),
            ClockView.Of(clock, shown.RiskOn(today, definition).Warning?.Name, today));
    }
}
