using System.Security.Claims;
using BacklogFlow.Engine.Outages;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BacklogFlow.Web.Api;

/// <summary>
/// Supervisors register outage windows and apply the bulk force-majeure suspension of an outage's
/// open cases: first without confirming (a dry run that only counts), then confirmed. Registering
/// and applying are audited with the signed-in supervisor as the actor.
/// </summary>
public static class OutageEndpoints
{
    public sealed record RegisterRequest(DateOnly? Start, DateOnly? End, IReadOnlyList<string>? Products, int? CatchUpDays, string? Description);

    /// <summary>Without <c>confirm: true</c> nothing changes: suspending thousands of clocks is never a default.</summary>
    public sealed record ForceMajeureRequest(bool Confirm);

    public static RouteGroupBuilder MapOutageEndpoints(this RouteGroupBuilder api)
    {
        var outages = api.MapGroup("/outages").WithTags("Outages").RequireAuthorization(Policies.Supervise);
        outages.MapGet("/", ListAsync).WithSummary("Registered outage windows, the latest outage first.");
        outages.MapPost("/", RegisterAsync).WithSummary("Registers an outage window: start and end (inclusive days), products, catch-up days, description.");
        outages.MapPost("/{id:guid}/force-majeure", ForceMajeureAsync)
            .WithSummary("Suspends the outage's open cases as force majeure; with confirm false (a dry run) it only counts them.");
        return api;
    }

    private static async Task<Ok<Page<OutageView>>> ListAsync(OutageRegistry registry, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        var page = Paging.Clamp(skip, take);
        var windows = await registry.ListAsync(page.Skip, page.Take, cancellationToken);
        return TypedResults.Ok(new Page<OutageView>([.. windows.Select(OutageView.Of)], page.Skip, page.Take));
    }

    private static async Task<Results<Ok<OutageView>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, ClaimsPrincipal user, OutageRegistry registry, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        if (request.Start is null)
        {
            missing.Add("start");
        }

        if (request.End is null)
        {
            missing.Add("end");
        }

        if (request.Products is null or { Count: 0 })
        {
            missing.Add("products");
        }

        if (request.CatchUpDays is null)
        {
            missing.Add("catchUpDays");
        }

        if (missing.Count > 0)
        {
            return Problems.BadRequest($"an outage needs {string.Join(", ", missing)}");
        }

        try
        {
            var window = await registry.RegisterAsync(
                request.Start!.Value, request.End!.Value, request.Products!, request.CatchUpDays!.Value, request.Description ?? "",
                SignedInUser.Name(user), cancellationToken);
            return TypedResults.Ok(OutageView.Of(window));
        }
        catch (ArgumentException ex)
        {
            // The registry and the domain say what is wrong with the window (end before start, an unknown product...).
            return Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<Ok<ForceMajeurePlan>> ForceMajeureAsync(
        Guid id, ForceMajeureRequest request, ClaimsPrincipal user, OutageRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ApplyForceMajeureAsync(id, request.Confirm, SignedInUser.Name(user), cancellationToken));
}
