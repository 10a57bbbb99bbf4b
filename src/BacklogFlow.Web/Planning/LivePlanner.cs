using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Workflows;
using BacklogFlow.Planning;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Web.Planning;

/// <summary>
/// Runs the recovery planner against the live backlog: the open review tasks from the database
/// (<see cref="LiveBacklogQuery"/>) with the ranking and weights in force, plus expected arrivals —
/// as given, else the recent rate on working days (from the dashboard's per-day receipts), else the
/// scenario's steady rate — with the scenario's mix and reviewer rates, no outage and no overtime.
/// The page and the API call this one service.
/// </summary>
public sealed class LivePlanner(
    LiveBacklogQuery backlog, DashboardQuery dashboard, WorkflowCatalog catalog, IOptions<WorkflowOptions> workflows, IOptions<PlannerOptions> options)
{
    public async Task<LivePlan> PlanAsync(LivePlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.Combine(workflows.Value.Directory, options.Value.Scenario);
        var template = ScenarioLoader.LoadFile(path, catalog);
        var live = await backlog.GetAsync(cancellationToken);
        var (rate, from) = request.ArrivalsPerWorkingDay is { } given
            ? (given, LivePlan.ArrivalsGiven)
            : await RecentRateAsync(live.Today, cancellationToken) is { } recent and > 0
                ? (recent, LivePlan.ArrivalsRecent)
                : (template.Arrivals.PerWorkingDay, LivePlan.ArrivalsFromScenario);
        var scenario = template with
        {
            Code = "live",
            Name = "Live backlog",
            Start = live.Today,
            Days = 7 * request.Weeks,
            Outage = null,
            PentUp = null,
            Arrivals = template.Arrivals with { PerWorkingDay = rate },
            Automatic = new AutomaticCapacity(template.Automatic.PerDay, template.Automatic.PerDay),
            Reviewers = template.Reviewers with { Count = request.Reviewers, Overtime = null },
            ClearedAtOrBelow = Math.Min(template.ClearedAtOrBelow, (int)Math.Ceiling(rate)),
        };
        var planner = new RecoveryPlanner(scenario, catalog, request.Seed, live.OpenReviews, live.Ranking, live.Weights);
        var outcomes = planner.Compare(ReviewPolicy.All, request.Reviewers, search: false)
            .Select(o => o.Policy == ReviewPolicy.Definitions
                ? o with { FewestReviewersForNoMandatoryBreach = planner.FewestReviewersForNoMandatoryBreach(o.Policy), Searched = true }
                : o)
            .ToList();
        return new LivePlan(request, live.Today, live.OpenReviews.Count, rate, from, template.Code, outcomes);
    }

    /// <summary>The average receipts on a working day over the recent days before today (today is not over yet).</summary>
    private async Task<double?> RecentRateAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var days = (await dashboard.GetAsync(options.Value.RecentDays + 1, cancellationToken)).Days
            .Where(d => d.Date < today && !catalog.Calendar.IsNonWorkingDay(d.Date))
            .ToList();
        return days.Count == 0 ? null : days.Average(d => d.Received);
    }
}
