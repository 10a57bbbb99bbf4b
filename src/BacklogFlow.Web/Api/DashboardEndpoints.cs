using BacklogFlow.Engine.Reporting;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BacklogFlow.Web.Api;

/// <summary>The supervisor's dashboard figures, computed in the database as of today's legal date.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", GetAsync).WithTags("Dashboard").RequireAuthorization(Policies.Supervise)
            .WithSummary("Open review work by queue, class and product; deadline risk and penalty exposure; receipts, decisions and open backlog per day of the last `days` days.");
        return api;
    }

    private static async Task<Results<Ok<Dashboard>, ProblemHttpResult>> GetAsync(
        DashboardQuery dashboard, CancellationToken cancellationToken, int days = 28) =>
        days is < 1 or > DashboardQuery.MaxDays
            ? Problems.Invalid($"days must be between 1 and {DashboardQuery.MaxDays}")
            : TypedResults.Ok(await dashboard.GetAsync(days, cancellationToken));
}
