using System.Security.Claims;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace BacklogFlow.Web.Api;

/// <summary>
/// What supervisors rebalance: the serving order of priority classes, queue weights and pauses, and
/// bulk moves of tasks by filter (a dry run first, then the apply). Every edit carries If-Match with
/// the ETag it was made against and is audited with the signed-in supervisor as the actor.
/// </summary>
public static class RebalancingEndpoints
{
    public sealed record QueueChangeRequest(bool? Paused, int? Weight);

    public sealed record ReorderRequest(IReadOnlyList<string> Order);

    public sealed record PriorityOrderView(
        IReadOnlyList<string> Order, int Version, string? ChangedBy, DateTimeOffset? ChangedAt, bool DefinitionsChanged, int? Reranked);

    public static RouteGroupBuilder MapRebalancingEndpoints(this RouteGroupBuilder api)
    {
        var rebalancing = api.MapGroup("").WithTags("Rebalancing").RequireAuthorization(Policies.Supervise);
        rebalancing.MapGet("/queues", QueuesAsync).WithSummary("Every review queue with its weight and whether it is paused.");
        rebalancing.MapGet("/queues/{queue}", QueueAsync).WithSummary("One review queue's settings; the ETag is what an edit names in If-Match.");
        rebalancing.MapPatch("/queues/{queue}", ChangeQueueAsync)
            .WithSummary("Pauses or resumes a queue and/or sets its weight. Needs If-Match; 412 when it changed since.");
        rebalancing.MapGet("/priority-classes", PriorityOrderAsync).WithSummary("The order priority classes are served in, first to last.");
        rebalancing.MapPut("/priority-classes", ReorderAsync)
            .WithSummary("Reorders the priority classes; claims follow at once (no task is rewritten; `reranked` counts the open tasks whose class changed rank). Needs If-Match; 412 when it changed since.");
        rebalancing.MapPost("/tasks/bulk-moves/preview", PreviewAsync)
            .WithSummary("Dry run of a bulk move: how many tasks it would change, by queue and class. The ETag names exactly those tasks.");
        rebalancing.MapPost("/tasks/bulk-moves", ApplyAsync)
            .WithSummary("Applies a bulk move. Needs If-Match with the dry run's ETag; 412 when the tasks changed since the dry run.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<QueueSetting>>> QueuesAsync(QueueSettings settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await settings.AllAsync(cancellationToken));

    private static async Task<Ok<QueueSetting>> QueueAsync(string queue, HttpResponse response, QueueSettings settings, CancellationToken cancellationToken)
    {
        var setting = await settings.GetAsync(queue, cancellationToken);
        EntityTags.Set(response, EntityTags.OfVersion(setting.Version));
        return TypedResults.Ok(setting);
    }

    private static async Task<Results<Ok<QueueSetting>, ProblemHttpResult>> ChangeQueueAsync(
        string queue, QueueChangeRequest request, HttpContext http, QueueSettings settings, CancellationToken cancellationToken)
    {
        if (EntityTags.IfMatchVersion(http.Request) is not { } version)
        {
            return EntityTags.Required();
        }

        if (request.Paused is null && request.Weight is null)
        {
            return Problems.Invalid("say what to change: paused, weight or both");
        }

        var changed = await settings.ChangeAsync(queue, request.Paused, request.Weight, version, SignedInUser.Name(http.User), cancellationToken);
        EntityTags.Set(http.Response, EntityTags.OfVersion(changed.Version));
        return TypedResults.Ok(changed);
    }

    private static async Task<Ok<PriorityOrderView>> PriorityOrderAsync(HttpResponse response, ClassRankings rankings, CancellationToken cancellationToken)
    {
        var inForce = await rankings.InForceAsync(cancellationToken);
        EntityTags.Set(response, EntityTags.OfVersion(inForce.Version));
        return TypedResults.Ok(View(inForce, reranked: null));
    }

    private static async Task<Results<Ok<PriorityOrderView>, ProblemHttpResult>> ReorderAsync(
        ReorderRequest request, HttpContext http, ClassRankings rankings, CancellationToken cancellationToken)
    {
        if (EntityTags.IfMatchVersion(http.Request) is not { } version)
        {
            return EntityTags.Required();
        }

        var (inForce, reranked) = await rankings.ReorderAsync(request.Order ?? [], version, SignedInUser.Name(http.User), cancellationToken);
        EntityTags.Set(http.Response, EntityTags.OfVersion(inForce.Version));
        return TypedResults.Ok(View(inForce, reranked));
    }

    private static async Task<Results<Ok<BulkMovePreview>, ProblemHttpResult>> PreviewAsync(
        BulkMoveRequest request, HttpResponse response, BulkMoves moves, UserManager<IdentityUser> users, CancellationToken cancellationToken)
    {
        if (request.Read(out var problem) is not { } read)
        {
            return Problems.Invalid(problem!);
        }

        var (filter, move) = read;

        if (await AssigneeCheck.RefusalAsync(move, users) is { } refusal)
        {
            return Problems.Invalid(refusal);
        }

        var preview = await moves.PreviewAsync(filter, move, cancellationToken);
        EntityTags.Set(response, EntityTags.OfFingerprint(preview.Fingerprint));
        return TypedResults.Ok(preview);
    }

    private static async Task<Results<Ok<BulkMovePreview>, ProblemHttpResult>> ApplyAsync(
        BulkMoveRequest request, HttpContext http, BulkMoves moves, UserManager<IdentityUser> users, CancellationToken cancellationToken)
    {
        if (EntityTags.IfMatch(http.Request) is not { } fingerprint)
        {
            return EntityTags.Required();
        }

        if (request.Read(out var problem) is not { } read)
        {
            return Problems.Invalid(problem!);
        }

        var (filter, move) = read;

        if (await AssigneeCheck.RefusalAsync(move, users) is { } refusal)
        {
            return Problems.Invalid(refusal);
        }

        return TypedResults.Ok(await moves.ApplyAsync(filter, move, fingerprint, SignedInUser.Name(http.User), cancellationToken));
    }

    private static PriorityOrderView View(RankingInForce inForce, int? reranked) =>
        new(inForce.Ranking.Order, inForce.Version, inForce.ChangedBy, inForce.ChangedAt, inForce.DefinitionsChanged, reranked);
}
