using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Web.Api;
using BacklogFlow.Web.Security;
using BacklogFlow.Web.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Web.Pages.Supervise;

/// <summary>
/// Rebalancing for supervisors, over the same engine services as the API: the serving order of
/// priority classes, queue weights and pauses, and bulk moves by filter (dry run, then apply with
/// the dry run's fingerprint). Each form carries the version it was made against; an edit that lost
/// a race says so and shows the state as it is now.
/// </summary>
public sealed class RebalanceModel(
    ClassRankings rankings, QueueSettings queueSettings, BulkMoves bulkMoves, BacklogFlowDbContext db, WorkflowCatalog catalog,
    UserManager<IdentityUser> users, UiLanguage ui) : PageModel
{
    public RankingInForce? Ranking { get; private set; }
    public IReadOnlyList<QueueSetting> Queues { get; private set; } = [];
    public IReadOnlyDictionary<string, int> OpenByQueue { get; private set; } = new Dictionary<string, int>();
    public IEnumerable<string> Products => catalog.Products.Order(StringComparer.Ordinal);

    [BindProperty]
    public BulkMoveRequest Bulk { get; set; } = new();

    public BulkMovePreview? Preview { get; private set; }
    public BulkMovePreview? Applied { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostMoveClassAsync(string className, int offset, int version, CancellationToken cancellationToken)
    {
        var order = (await rankings.InForceAsync(cancellationToken)).Ranking.Order.ToList();
        var from = order.IndexOf(className);
        var to = from + Math.Sign(offset);
        if (from >= 0 && to >= 0 && to < order.Count)
        {
            (order[from], order[to]) = (order[to], order[from]);
        }

        return await EditAsync(async () =>
        {
            var (_, reranked) = await rankings.ReorderAsync(order, version, SignedInUser.Name(User), cancellationToken);
            Message = $"{ui["order-saved"]} {reranked} {ui["tasks-reranked"]}";
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostQueueAsync(string queue, int version, bool? paused, int? weight, CancellationToken cancellationToken) =>
        EditAsync(async () =>
        {
            var changed = await queueSettings.ChangeAsync(queue, paused, weight, version, SignedInUser.Name(User), cancellationToken);
            Message = $"{ui["queue-saved"]} {changed.Queue}";
        }, cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await PreviewAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string fingerprint, CancellationToken cancellationToken)
    {
        if (await ReadAsync() is { } read)
        {
            try
            {
                Applied = await bulkMoves.ApplyAsync(read.Filter, read.Move, fingerprint, SignedInUser.Name(User), cancellationToken);
            }
            catch (StaleSettingException stale)
            {
                Error = $"{ui["changed-meanwhile"]} ({stale.Message})";
                await PreviewAsync(cancellationToken);
            }
            catch (RebalanceRefusedException refused)
            {
                Error = refused.Message;
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task PreviewAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync() is not { } read)
        {
            return;
        }

        try
        {
            Preview = await bulkMoves.PreviewAsync(read.Filter, read.Move, cancellationToken);
        }
        catch (RebalanceRefusedException refused)
        {
            Error = refused.Message;
        }
    }

    private async Task<(TaskFilter Filter, BulkMove Move)?> ReadAsync()
    {
        var read = Bulk.Read(out var problem);
        problem ??= read is { } valid ? await AssigneeCheck.RefusalAsync(valid.Move, users) : null;
        if (problem is not null)
        {
            Error ??= problem;
            return null;
        }

        return read;
    }

    /// <summary>Post, then redirect back (so a reload does not repeat the edit); a refused edit is shown on the page as it is now.</summary>
    private async Task<IActionResult> EditAsync(Func<Task> edit, CancellationToken cancellationToken)
    {
        try
        {
            await edit();
            return RedirectToPage();
        }
        catch (StaleSettingException stale)
        {
            Error = $"{ui["changed-meanwhile"]} ({stale.Message})";
        }
        catch (RebalanceRefusedException refused)
        {
            Error = refused.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Ranking = await rankings.InForceAsync(cancellationToken);
        Queues = await queueSettings.AllAsync(cancellationToken);
        OpenByQueue = await db.ReviewTasks.AsNoTracking()
            .Where(t => t.CompletedAt == null)
            .GroupBy(t => t.Queue)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
