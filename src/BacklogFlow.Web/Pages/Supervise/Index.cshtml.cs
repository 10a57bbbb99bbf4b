using BacklogFlow.Engine.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Supervise;

/// <summary>The supervisor's dashboard: the same query as GET /api/dashboard, drawn.</summary>
public sealed class IndexModel(DashboardQuery dashboard) : PageModel
{
    public Dashboard? Dashboard { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken, int days = 28) =>
        Dashboard = await dashboard.GetAsync(Math.Clamp(days, 1, DashboardQuery.MaxDays), cancellationToken);
}
