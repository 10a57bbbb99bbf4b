using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages;

/// <summary>The start page sends people to their work: reviewers to their tasks, others to the dashboard.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(Roles.CaseWorker) || User.IsInRole(Roles.Supervisor) ? RedirectToPage("/Work/Index") : RedirectToPage("/Supervise/Index");
}
