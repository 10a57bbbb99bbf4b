using System.Security.Claims;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BacklogFlow.Web.Api;

/// <summary>
/// What supervisors do with quarantined messages (inspect, replay, discard with a reason) and where
/// they read the audit log. Every action is audited with the signed-in supervisor as the actor.
/// </summary>
public static class SupervisionEndpoints
{
    public sealed record ReplayRequest(string? Note);

    public sealed record DiscardRequest(string Reason);

    public static RouteGroupBuilder MapSupervisionEndpoints(this RouteGroupBuilder api)
    {
        var quarantine = api.MapGroup("/quarantine").WithTags("Quarantine").RequireAuthorization(Policies.Supervise);
        quarantine.MapGet("/", ListAsync).WithSummary("Quarantined messages, newest first; only unresolved ones unless includeResolved.");
        quarantine.MapGet("/{id:guid}", ShowAsync).WithSummary("One quarantined message with its payload as received.");
        quarantine.MapPost("/{id:guid}/replay", ReplayAsync).WithSummary("Sends it through intake again, as a new message with the same content.");
        quarantine.MapPost("/{id:guid}/discard", DiscardAsync).WithSummary("Sets it aside for good, with a reason.");

        api.MapGet("/audit", AuditAsync).WithTags("Audit").RequireAuthorization(Policies.Supervise)
            .WithSummary("The audit log, newest first; filter by actor, action or subject.");
        return api;
    }

    private static async Task<Ok<Page<QuarantinedMessage>>> ListAsync(
        QuarantineActions actions, CancellationToken cancellationToken, string? reason = null, bool includeResolved = false, int skip = 0, int take = 50)
    {
        var page = Paging.Clamp(skip, take);
        var items = await actions.ListAsync(reason, includeResolved, page.Skip, page.Take, cancellationToken);
        return TypedResults.Ok(new Page<QuarantinedMessage>(items, page.Skip, page.Take));
    }

    private static async Task<Results<Ok<QuarantinedMessage>, NotFound>> ShowAsync(Guid id, QuarantineActions actions, CancellationToken cancellationToken) =>
        await actions.FindAsync(id, cancellationToken) is { } entry ? TypedResults.Ok(entry) : TypedResults.NotFound();

    private static async Task<Ok<QuarantinedMessage>> ReplayAsync(
        Guid id, ReplayRequest request, ClaimsPrincipal user, QuarantineActions actions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await actions.ReplayAsync(id, SignedInUser.Name(user), request.Note, cancellationToken));

    private static async Task<Results<Ok<QuarantinedMessage>, ProblemHttpResult>> DiscardAsync(
        Guid id, DiscardRequest request, ClaimsPrincipal user, QuarantineActions actions, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(request.Reason)
            ? Problems.Invalid("discarding a quarantined message needs a reason")
            : TypedResults.Ok(await actions.DiscardAsync(id, SignedInUser.Name(user), request.Reason, cancellationToken));

    private static async Task<Ok<Page<AuditEntry>>> AuditAsync(
        AuditLog log, CancellationToken cancellationToken,
        string? actor = null, string? action = null, string? subject = null, int skip = 0, int take = 50)
    {
        var page = Paging.Clamp(skip, take);
        var items = await log.ListAsync(actor, action, subject, page.Skip, page.Take, cancellationToken);
        return TypedResults.Ok(new Page<AuditEntry>(items, page.Skip, page.Take));
    }
}
