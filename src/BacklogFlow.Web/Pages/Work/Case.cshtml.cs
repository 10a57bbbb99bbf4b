using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using BacklogFlow.Web.Api;
using BacklogFlow.Web.Security;
using BacklogFlow.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Web.Pages.Work;

/// <summary>
/// A task's case: the facts, the clock as the domain derives it (coloured and worded by risk), and
/// the actions of the reviewer holding the task. The same engine calls as the API.
/// </summary>
public sealed class CaseModel(BacklogFlowDbContext db, ReviewWorkQueue queue, WorkflowCatalog catalog, TimeProvider time, UiLanguage ui) : PageModel
{
    public CaseView? Case { get; private set; }

    public bool Holding { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid taskId, CancellationToken cancellationToken) =>
        await LoadAsync(taskId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(Guid taskId, CancellationToken cancellationToken) =>
        await ActAsync(taskId, () => queue.CompleteAsync(taskId, SignedInUser.Name(User), DecisionOutcome.Issue, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRefuseAsync(Guid taskId, CancellationToken cancellationToken) =>
        await ActAsync(taskId, () => queue.CompleteAsync(taskId, SignedInUser.Name(User), DecisionOutcome.Refuse, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostIntendToRefuseAsync(Guid taskId, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Problem = ui["reason-required"];
            return await LoadAsync(taskId, cancellationToken) ? Page() : NotFound();
        }

        return await ActAsync(taskId, () => queue.IntendToRefuseAsync(taskId, SignedInUser.Name(User), reason, cancellationToken), cancellationToken, thenTo: "/Work");
    }

    public async Task<IActionResult> OnPostRequestInformationAsync(Guid taskId, int periodDays, CancellationToken cancellationToken) =>
        await ActAsync(taskId, () => queue.RequestInformationAsync(taskId, SignedInUser.Name(User), periodDays, cancellationToken), cancellationToken, thenTo: "/Work");

    public async Task<IActionResult> OnPostHearingResponseAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.ReviewTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        return task is null
            ? NotFound()
            : await ActAsync(taskId, () => queue.RecordHearingResponseAsync(task.CaseId, SignedInUser.Name(User), cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid taskId, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Problem = ui["reason-required"];
            return await LoadAsync(taskId, cancellationToken) ? Page() : NotFound();
        }

        await queue.ReleaseAsync(taskId, SignedInUser.Name(User), reason, cancellationToken);
        return Redirect("/Work");
    }

    /// <summary>Runs a reviewer's action; what the rules refuse is shown on the page, in the rule's words.</summary>
    private async Task<IActionResult> ActAsync(Guid taskId, Func<Task> action, CancellationToken cancellationToken, string? thenTo = null)
    {
        try
        {
            await action();
            return Redirect(thenTo ?? $"/Work/Case/{taskId}");
        }
        catch (Exception ex) when (ex is TaskNotHeldException or InvalidCaseTransitionException or FourEyesViolationException or DeadlineLedgerException)
        {
            Problem = ex.Message;
            return await LoadAsync(taskId, cancellationToken) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.ReviewTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            return false;
        }

        var shown = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == task.CaseId, cancellationToken);
        var now = time.GetUtcNow();
        Case = CaseView.Of(shown, catalog.Get(shown.Product), catalog.Calendar, LegalTime.ToLegalDate(now));
        Holding = task.IsHeldBy(SignedInUser.Name(User), now);
        return true;
    }
}
