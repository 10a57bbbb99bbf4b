using BacklogFlow.Domain.Outages;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Outages;
using BacklogFlow.Web.Api;
using BacklogFlow.Web.Security;
using BacklogFlow.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Supervise;

/// <summary>
/// Outage windows: the registered ones, a form to register one, and force majeure in two steps —
/// first the count of open cases it would suspend (a dry run), then a confirm button. The same
/// engine calls as /api/outages, audited with the signed-in supervisor.
/// </summary>
public sealed class OutagesModel(OutageRegistry registry, WorkflowCatalog catalog) : PageModel
{
    public const int DefaultCatchUpDays = 28;

    public IReadOnlyList<OutageWindow> Windows { get; private set; } = [];

    public PagerLinks Pager { get; private set; } = new(null, null);

    public IReadOnlyList<string> Products => [.. catalog.Products.Order(StringComparer.Ordinal)];

    /// <summary>The register form's values, kept when it comes back with a problem.</summary>
    public DateOnly? Start { get; private set; }

    public DateOnly? End { get; private set; }

    public IReadOnlyCollection<string> Chosen { get; private set; } = [];

    public int CatchUpDays { get; private set; } = DefaultCatchUpDays;

    public string Description { get; private set; } = "";

    /// <summary>Why the window could not be registered: the domain's words, or <see cref="FieldsMissing"/>.</summary>
    public string? Problem { get; private set; }

    public bool FieldsMissing { get; private set; }

    public bool Registered { get; private set; }

    /// <summary>The dry run's count or the applied suspension, for the outage it concerns.</summary>
    public ForceMajeurePlan? Plan { get; private set; }

    public async Task OnGetAsync(bool registered, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        Registered = registered;
        await LoadAsync(skip, take, cancellationToken);
    }

    public async Task<IActionResult> OnPostRegisterAsync(
        DateOnly? start, DateOnly? end, string[]? products, int? catchUpDays, string? description, CancellationToken cancellationToken)
    {
        (Start, End, Chosen, Description) = (start, end, products ?? [], description ?? "");
        CatchUpDays = catchUpDays ?? DefaultCatchUpDays;
        if (start is null || end is null || Chosen.Count == 0 || catchUpDays is null)
        {
            FieldsMissing = true;
            await LoadAsync(0, Paging.MaxTake, cancellationToken);
            return Page();
        }

        try
        {
            await registry.RegisterAsync(start.Value, end.Value, Chosen, catchUpDays.Value, Description, SignedInUser.Name(User), cancellationToken);
            return RedirectToPage(new { registered = true });
        }
        catch (ArgumentException ex)
        {
            // End before start, an unknown product, a negative catch-up: the domain says which.
            Problem = ex.Message;
            await LoadAsync(0, Paging.MaxTake, cancellationToken);
            return Page();
        }
    }

    public Task<IActionResult> OnPostDryRunAsync(Guid id, CancellationToken cancellationToken) => ForceMajeureAsync(id, confirmed: false, cancellationToken);

    public Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken cancellationToken) => ForceMajeureAsync(id, confirmed: true, cancellationToken);

    private async Task<IActionResult> ForceMajeureAsync(Guid id, bool confirmed, CancellationToken cancellationToken)
    {
        try
        {
            Plan = await registry.ApplyForceMajeureAsync(id, confirmed, SignedInUser.Name(User), cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        await LoadAsync(0, Paging.MaxTake, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var page = Paging.Clamp(skip, take);
        Windows = await registry.ListAsync(page.Skip, page.Take, cancellationToken);
        Pager = PagerLinks.For(page.Skip, page.Take, Windows.Count, at => Url.Page("Outages", new { skip = at, take = page.Take }));
    }
}
