using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Review;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Work;

/// <summary>
/// A case worker's start: the tasks they hold, "next task", which claims the top one of their
/// queues, and the tasks of their queues waiting for an applicant's response to an intent to refuse.
/// </summary>
public sealed class IndexModel(ReviewWorkQueue queue, WorkflowCatalog catalog) : PageModel
{
    public IReadOnlyList<ReviewTask> Held { get; private set; } = [];

    /// <summary>Tasks of the worker's queues parked for the applicant's hearing: where their response is recorded.</summary>
    public IReadOnlyList<ReviewTask> AwaitingHearing { get; private set; } = [];

    public bool NothingToClaim { get; private set; }

    public async Task OnGetAsync(bool empty, CancellationToken cancellationToken)
    {
        NothingToClaim = empty;
        Held = await queue.HeldByAsync(SignedInUser.Name(User), 0, 100, cancellationToken);
        AwaitingHearing = await queue.AwaitingHearingAsync(WorkerQueues.For(User, catalog), 0, 100, cancellationToken);
    }

    public async Task<IActionResult> OnPostNextAsync(CancellationToken cancellationToken)
    {
        var claimed = await queue.ClaimNextAsync(SignedInUser.Name(User), WorkerQueues.For(User, catalog), cancellationToken);
        return claimed is null ? RedirectToPage(new { empty = true }) : Redirect($"/Work/Case/{claimed.Id}");
    }
}
