using System.Globalization;
using System.Text;
using BacklogFlow.Engine.Reporting;

namespace BacklogFlow.Web.Ui;

/// <summary>
/// The burn-down as an inline SVG drawn on the server: the open backlog at the end of each day as a
/// line, received and decided per day as bars. No script, so it renders everywhere; a title and a
/// description make it readable to assistive technology, and the page gives the same figures as a table.
/// </summary>
public static class BurnDownChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 48;
    private const int Bottom = 24;
    private const int Top = 10;

    public static string Svg(IReadOnlyList<DashboardDay> days, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(days);
        var max = Math.Max(1, days.Select(d => Math.Max(d.OpenAtEndOfDay, Math.Max(d.Received, d.Decided))).DefaultIfEmpty(1).Max());
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Bottom - Top;
        var step = days.Count == 0 ? 0 : (double)plotWidth / days.Count;
        double Y(int value) => Top + plotHeight - (plotHeight * (double)value / max);
        string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg id="burn-down" role="img" aria-labelledby="burn-down-title burn-down-desc" viewBox="0 0 {Width} {Height}" width="100%" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="burn-down-title">{Escape(title)}</title><desc id="burn-down-desc">{Escape(description)}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + plotHeight}" x2="{Width - 8}" y2="{Top + plotHeight}" stroke="#111"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 4}" y="{Top + 10}" text-anchor="end" font-size="11">{max}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 4}" y="{Top + plotHeight}" text-anchor="end" font-size="11">0</text>""");
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + (i * step);
            var bar = Math.Max(1, (step / 2) - 1);
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="received" x="{F(x)}" y="{F(Y(days[i].Received))}" width="{F(bar)}" height="{F(Top + plotHeight - Y(days[i].Received))}" fill="#7aa7d6"/>""");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="decided" x="{F(x + bar)}" y="{F(Y(days[i].Decided))}" width="{F(bar)}" height="{F(Top + plotHeight - Y(days[i].Decided))}" fill="#2f7d3b"/>""");
        }

        if (days.Count > 0)
        {
            var points = string.Join(' ', days.Select((d, i) => $"{F(Left + (i * step) + (step / 2))},{F(Y(d.OpenAtEndOfDay))}"));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="open" points="{points}" fill="none" stroke="#a40000" stroke-width="2.5"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{Height - 6}" font-size="11">{days[0].Date:yyyy-MM-dd}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - 8}" y="{Height - 6}" text-anchor="end" font-size="11">{days[^1].Date:yyyy-MM-dd}</text>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
