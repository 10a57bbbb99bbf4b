using System.Security.Claims;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Web.Api;

/// <summary>
/// What a case worker does: take the next task from the queues they may work, see the case with its
/// clock, decide it or give it back. A task can only be decided or released by whoever holds its
/// lease (409 otherwise).
/// </summary>
public static class ReviewEndpoints
{
    public sealed record DecisionRequest(string Outcome);

    public sealed record ReleaseRequest(string Reason);

    public static RouteGroupBuilder MapReviewEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Review").RequireAuthorization(Policies.Review);
        tasks.MapPost("/next", NextAsync)
            .WithSummary("Claims the highest-priority open task in the caller's queues; 204 when there is none.");
        tasks.MapGet("/mine", MineAsync).WithSummary("The tasks the caller holds a live lease on.");
        tasks.MapPost("/{id:guid}/decision", DecideAsync).WithSummary("Decides the case of a task the caller holds.");
        tasks.MapPost("/{id:guid}/release", ReleaseAsync).WithSummary("Gives a held task back to its queue, with a reason.");

        api.MapGet("/cases/{id:guid}", CaseAsync).WithTags("Review").RequireAuthorization(Policies.Review)
            .WithSummary("A case with its clock (legal deadline, promise, suspensions, days left, the rules applied).");
        return api;
    }

    private static async Task<Results<Ok<TaskView>, NoContent>> NextAsync(
        ClaimsPrincipal user, ReviewWorkQueue queue, WorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        var claimed = await queue.ClaimNextAsync(SignedInUser.Name(user), WorkerQueues.For(user, catalog), cancellationToken);
        return claimed is null ? TypedResults.NoContent() : TypedResults.Ok(TaskView.Of(claimed));
    }

    private static async Task<Ok<Page<TaskView>>> MineAsync(
        ClaimsPrincipal user, ReviewWorkQueue queue, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        var page = Paging.Clamp(skip, take);
        var held = await queue.HeldByAsync(SignedInUser.Name(user), page.Skip, page.Take, cancellationToken);
        return TypedResults.Ok(new Page<TaskView>([.. held.Select(TaskView.Of)], page.Skip, page.Take));
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> DecideAsync(
        Guid id, DecisionRequest request, ClaimsPrincipal user, ReviewWorkQueue queue, WorkflowCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!YamlSpellings.TryParse(request.Outcome ?? "", out DecisionOutcome outcome))
        {
            return Problems.Invalid($"outcome must be one of {string.Join(", ", YamlSpellings.Outcomes)}; got '{request.Outcome}'");
        }

        if (outcome == DecisionOutcome.Refuse)
        {
            // Refusal needs an intent to refuse, the applicant heard, and a second reviewer (four
            // eyes); until that path exists a refusal is not taken from one reviewer alone.
            return Problems.Invalid("a refusal needs an intent to refuse and a second reviewer (four eyes); a single reviewer cannot refuse");
        }

        var decided = await queue.CompleteAsync(id, SignedInUser.Name(user), outcome, cancellationToken);
        return TypedResults.Ok(CaseView.Of(decided, catalog.Get(decided.Product), catalog.Calendar, LegalTime.ToLegalDate(time.GetUtcNow())));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(
        Guid id, ReleaseRequest request, ClaimsPrincipal user, ReviewWorkQueue queue, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problems.Invalid("releasing a task needs a reason");
        }

        await queue.ReleaseAsync(id, SignedInUser.Name(user), request.Reason, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> CaseAsync(
        Guid id, BacklogFlowDbContext db, WorkflowCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var shown = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return shown is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(CaseView.Of(shown, catalog.Get(shown.Product), catalog.Calendar, LegalTime.ToLegalDate(time.GetUtcNow())));
    }
}
