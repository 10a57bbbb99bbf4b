using BacklogFlow.Web.Planning;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BacklogFlow.Web.Api;

/// <summary>The recovery planner over the live backlog: "with N reviewers, when is it cleared and how many breach?"</summary>
public static class PlanEndpoints
{
    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plan", GetAsync).WithTags("Planner").RequireAuthorization(Policies.Supervise)
            .WithSummary("Simulates the open review backlog with `reviewers` reviewers for `weeks` weeks (arrivals per working day as given, "
                + "else the recent rate) under each review policy, with the engine's own rules: cleared day, breaches, peak, burn-down.");
        return api;
    }

    private static async Task<Results<Ok<LivePlan>, ProblemHttpResult>> GetAsync(
        LivePlanner planner, CancellationToken cancellationToken,
        int reviewers, int weeks = LivePlanRequest.DefaultWeeks, double? arrivalsPerWorkingDay = null, int seed = 1)
    {
        var request = new LivePlanRequest(reviewers, weeks, arrivalsPerWorkingDay, seed);
        return request.Problem() is { } problem
            ? Problems.BadRequest(problem)
            : TypedResults.Ok(await planner.PlanAsync(request, cancellationToken));
    }
}
