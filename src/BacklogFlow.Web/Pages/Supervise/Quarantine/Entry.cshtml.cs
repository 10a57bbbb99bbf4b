using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Supervise.Quarantine;

/// <summary>
/// One quarantined message with its payload as received, and the supervisor's two ways out of
/// quarantine: replay it (with an optional note) or discard it (with a reason). The same engine
/// calls as the API; what the engine refuses is shown on the page in its words.
/// </summary>
public sealed class EntryModel(QuarantineActions actions) : PageModel
{
    public QuarantinedMessage? Entry { get; private set; }

    /// <summary>The discard form came back without a reason.</summary>
    public bool ReasonMissing { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplayAsync(Guid id, string? note, CancellationToken cancellationToken) =>
        await ActAsync(id, () => actions.ReplayAsync(id, SignedInUser.Name(User), string.IsNullOrWhiteSpace(note) ? null : note, cancellationToken),
            QuarantineResolutions.Replayed, cancellationToken);

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            ReasonMissing = true;
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return await ActAsync(id, () => actions.DiscardAsync(id, SignedInUser.Name(User), reason, cancellationToken),
            QuarantineResolutions.Discarded, cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string done, CancellationToken cancellationToken)
    {
        try
        {
            await action();
            return RedirectToPage("Index", new { done });
        }
        catch (QuarantineActionException ex)
        {
            // Already resolved (by someone else meanwhile), or a body that cannot be an application.
            Problem = ex.Message;
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Entry = await actions.FindAsync(id, cancellationToken);
        return Entry is not null;
    }
}
