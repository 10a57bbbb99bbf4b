using BacklogFlow.Engine.Reporting;
using BacklogFlow.Planning;

namespace BacklogFlow.Web.Ui;

/// <summary>
/// The dashboard's burn-down as an inline SVG drawn on the server (<see cref="BurnDownSvg"/>, shared
/// with the recovery planner): the open backlog at the end of each day as a line, received and decided
/// per day as bars. No script, so it renders everywhere; the page gives the same figures as a table.
/// </summary>
public static class BurnDownChart
{
    public static string Svg(IReadOnlyList<DashboardDay> days, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(days);
        return BurnDownSvg.Render(
            "burn-down",
            [.. days.Select(d => d.Date)],
            [
                new ChartSeries("received", "received", "#7aa7d6", [.. days.Select(d => d.Received)]),
                new ChartSeries("decided", "decided", "#2f7d3b", [.. days.Select(d => d.Decided)]),
            ],
            [new ChartSeries("open", "open", "#a40000", [.. days.Select(d => d.OpenAtEndOfDay)])],
            title,
            description);
    }
}
