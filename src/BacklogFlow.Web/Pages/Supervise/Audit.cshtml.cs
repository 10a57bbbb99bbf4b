using System.Reflection;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Web.Api;
using BacklogFlow.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Supervise;

/// <summary>The audit log, newest first, filtered by actor, action or subject: the same query as GET /api/audit.</summary>
public sealed class AuditModel(AuditLog log) : PageModel
{
    /// <summary>Every action the log records, read from <see cref="AuditActions"/> so a new one shows up without touching this page.</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        .. typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal),
    ];

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? Actor { get; private set; }

    public string? Action { get; private set; }

    public string? Subject { get; private set; }

    public PagerLinks Pager { get; private set; } = new(null, null);

    public async Task OnGetAsync(string? actor, string? action, string? subject, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        var page = Paging.Clamp(skip, take);
        (Actor, Action, Subject) = (Trimmed(actor), Trimmed(action), Trimmed(subject));
        Entries = await log.ListAsync(Actor, Action, Subject, page.Skip, page.Take, cancellationToken);
        Pager = PagerLinks.For(page.Skip, page.Take, Entries.Count, at => Filtered(Actor, Action, Subject, at, page.Take));
    }

    /// <summary>This page with the given filters: the table links an entry's actor and subject to their own history.</summary>
    public string? Filtered(string? actor, string? action, string? subject, int skip = 0, int take = 50) =>
        Url.Page("Audit", new { actor, action, subject, skip = skip == 0 ? (int?)null : skip, take = take == 50 ? (int?)null : take });

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
