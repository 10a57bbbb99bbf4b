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
/// clock, decide it, give it back, intend to refuse it or ask the applicant for information. A task
/// can only be acted on by whoever holds its lease (409 otherwise). A refusal goes through the
/// domain's rule: an intent first, the applicant heard, and a second reviewer (four eyes).
/// </summary>
public static class ReviewEndpoints
{
    public sealed record DecisionRequest(string Outcome);

    public sealed record ReleaseRequest(string Reason);

    public sealed record IntentToRefuseRequest(string Reason);

    public sealed record InformationRequest(int PeriodDays);

    public static RouteGroupBuilder MapReviewEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Review").RequireAuthorization(Policies.Review);
        tasks.MapPost("/next", NextAsync)
            .WithSummary("Claims the highest-priority open task in the caller's queues; 204 when there is none.");
        tasks.MapGet("/mine", MineAsync).WithSummary("The tasks the caller holds a live lease on.");
        tasks.MapGet("/awaiting-hearing", AwaitingHearingAsync)
            .WithSummary("The tasks of the caller's queues parked while the applicant is heard on an intent to refuse, the soonest back first.");
        tasks.MapPost("/{id:guid}/decision", DecideAsync).WithSummary("Decides the case of a task the caller holds.");
        tasks.MapPost("/{id:guid}/release", ReleaseAsync).WithSummary("Gives a held task back to its queue, with a reason.");
        tasks.MapPost("/{id:guid}/intent-to-refuse", IntendToRefuseAsync)
            .WithSummary("Records the intent to refuse, opens the applicant's hearing period and parks the task until it is over, then for a second reviewer.");
        tasks.MapPost("/{id:guid}/request-information", RequestInformationAsync)
            .WithSummary("Asks the applicant to complete the application: suspends the term and returns the task to the queue.");

        api.MapGet("/cases/{id:guid}", CaseAsync).WithTags("Review").RequireAuthorization(Policies.Review)
            .WithSummary("A case with its clock (legal deadline, promise, suspensions, days left, the rules applied).");
        api.MapPost("/cases/{id:guid}/hearing-response", HearingResponseAsync).WithTags("Review").RequireAuthorization(Policies.Review)
            .WithSummary("Records that the applicant responded to the intent to refuse: the parked task is back in its queue for a second reviewer.");
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

    private static async Task<Ok<Page<TaskView>>> AwaitingHearingAsync(
        ClaimsPrincipal user, ReviewWorkQueue queue, WorkflowCatalog catalog, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        var page = Paging.Clamp(skip, take);
        var parked = await queue.AwaitingHearingAsync(WorkerQueues.For(user, catalog), page.Skip, page.Take, cancellationToken);
        return TypedResults.Ok(new Page<TaskView>([.. parked.Select(TaskView.Of)], page.Skip, page.Take));
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> DecideAsync(
        Guid id, DecisionRequest request, ClaimsPrincipal user, ReviewWorkQueue queue, WorkflowCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!YamlSpellings.TryParse(request.Outcome ?? "", out DecisionOutcome outcome))
        {
            return Problems.Invalid($"outcome must be one of {string.Join(", ", YamlSpellings.Outcomes)}; got '{request.Outcome}'");
        }

        // A refusal is decided like any outcome: the domain refuses it without an intent or before the
        // applicant was heard (409), and from the reviewer who intended it (422, four eyes).
        var decided = await queue.CompleteAsync(id, SignedInUser.Name(user), outcome, cancellationToken);
        return TypedResults.Ok(Shown(decided, catalog, time));
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> IntendToRefuseAsync(
        Guid id, IntentToRefuseRequest request, ClaimsPrincipal user, ReviewWorkQueue queue, WorkflowCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > ApplicationCase.MaxRefusalIntentReasonLength)
        {
            return Problems.Invalid(
                $"an intent to refuse needs a reason (at most {ApplicationCase.MaxRefusalIntentReasonLength} characters): the applicant is told why");
        }

        var intended = await queue.IntendToRefuseAsync(id, SignedInUser.Name(user), request.Reason, cancellationToken);
        return TypedResults.Ok(Shown(intended, catalog, time));
    }

    private static async Task<Ok<CaseView>> RequestInformationAsync(
        Guid id, InformationRequest request, ClaimsPrincipal user, ReviewWorkQueue queue, WorkflowCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // The period's bounds are the definition's (review.maxInformationPeriodDays); the domain refuses others (422).
        var suspended = await queue.RequestInformationAsync(id, SignedInUser.Name(user), request.PeriodDays, cancellationToken);
        return TypedResults.Ok(Shown(suspended, catalog, time));
    }

    private static async Task<Ok<CaseView>> HearingResponseAsync(
        Guid id, ClaimsPrincipal user, ReviewWorkQueue queue, WorkflowCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        var heard = await queue.RecordHearingResponseAsync(id, SignedInUser.Name(user), cancellationToken);
        return TypedResults.Ok(Shown(heard, catalog, time));
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
        return shown is null ? TypedResults.NotFound() : TypedResults.Ok(Shown(shown, catalog, time));
    }

    private static CaseView Shown(ApplicationCase shown, WorkflowCatalog catalog, TimeProvider time) =>
        CaseView.Of(shown, catalog.Get(shown.Product), catalog.Calendar, LegalTime.ToLegalDate(time.GetUtcNow()));
}
