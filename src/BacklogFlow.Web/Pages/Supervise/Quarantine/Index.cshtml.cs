using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Web.Api;
using BacklogFlow.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Supervise.Quarantine;

/// <summary>The quarantined messages, newest first: the same engine call as GET /api/quarantine.</summary>
public sealed class IndexModel(QuarantineActions actions) : PageModel
{
    /// <summary>The reasons a supervisor can filter by.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
        [QuarantineReasons.Invalid, QuarantineReasons.ConflictingDuplicate, QuarantineReasons.Unreadable, QuarantineReasons.ProcessingFailed];

    public IReadOnlyList<QuarantinedMessage> Items { get; private set; } = [];

    public string? Reason { get; private set; }

    public bool IncludeResolved { get; private set; }

    /// <summary>What was just done (replayed, discarded), to confirm it in words.</summary>
    public string? Done { get; private set; }

    public PagerLinks Pager { get; private set; } = new(null, null);

    public async Task OnGetAsync(string? reason, bool includeResolved, string? done, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        var page = Paging.Clamp(skip, take);
        Reason = reason;
        IncludeResolved = includeResolved;
        Done = done is QuarantineResolutions.Replayed or QuarantineResolutions.Discarded ? done : null;
        Items = await actions.ListAsync(reason, includeResolved, page.Skip, page.Take, cancellationToken);
        Pager = PagerLinks.For(page.Skip, page.Take, Items.Count,
            at => Url.Page("Index", new { reason, includeResolved = includeResolved ? true : (bool?)null, skip = at, take = page.Take }));
    }
}
