using BacklogFlow.Web.Planning;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Supervise;

/// <summary>
/// The recovery planner over the live backlog: the supervisor enters a number of reviewers (and
/// optionally weeks and expected arrivals); the page shows when the backlog is cleared and how many
/// cases breach under the engine's own policy and the alternatives, with the burn-down. The same
/// service as GET /api/plan.
/// </summary>
public sealed class PlanModel(LivePlanner planner) : PageModel
{
    public const int DefaultReviewers = 40;

    public int Reviewers { get; private set; } = DefaultReviewers;

    public int Weeks { get; private set; } = LivePlanRequest.DefaultWeeks;

    public double? Arrivals { get; private set; }

    public string? Problem { get; private set; }

    public LivePlan? Plan { get; private set; }

    public async Task OnGetAsync(int? reviewers, int? weeks, double? arrivals, CancellationToken cancellationToken)
    {
        (Reviewers, Weeks, Arrivals) = (reviewers ?? DefaultReviewers, weeks ?? LivePlanRequest.DefaultWeeks, arrivals);
        if (reviewers is null)
        {
            return;
        }

        var request = new LivePlanRequest(Reviewers, Weeks, Arrivals);
        Problem = request.Problem();
        if (Problem is null)
        {
            Plan = await planner.PlanAsync(request, cancellationToken);
        }
    }
}
