using System.Globalization;
using System.Net;
using System.Text;

namespace BacklogFlow.Planning;

/// <summary>
/// A burn-down as SVG, hand-written so it needs no library and no script: per day, bar series side by
/// side (received, decided) and line series (the open backlog, one line per policy in a plan). A title
/// and a description make it readable to assistive technology. The supervisor's dashboard and the
/// planner (CLI file and web page) draw with it.
/// </summary>
public static class BurnDownSvg
{
    private const int Width = 720;
    private const int Left = 56;
    private const int Right = 8;
    private const int Top = 10;
    private const int Bottom = 24;
    private const int LegendRow = 16;

    public static string Render(
        string id,
        IReadOnlyList<DateOnly> dates,
        IReadOnlyList<ChartSeries> bars,
        IReadOnlyList<ChartSeries> lines,
        string title,
        string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(lines);
        var legend = lines.Count > 1 || bars.Count > 2 ? LegendRow * (bars.Count + lines.Count) : 0;
        var height = 260 + legend;
        var max = Math.Max(1, bars.Concat(lines).SelectMany(s => s.Values).DefaultIfEmpty(1).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = 260 - Bottom - Top;
        var baseline = Top + plotHeight;
        var step = dates.Count == 0 ? 0 : (double)plotWidth / dates.Count;
        double Y(int value) => baseline - (plotHeight * (double)value / max);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {Width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Escape(title)}</title><desc id="{id}-desc">{Escape(description)}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="0" y="0" width="{Width}" height="{height}" fill="#fff"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{baseline}" x2="{Width - Right}" y2="{baseline}" stroke="#111"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 4}" y="{Top + 10}" text-anchor="end" font-size="11">{max.ToString("#,0", CultureInfo.InvariantCulture)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 4}" y="{baseline}" text-anchor="end" font-size="11">0</text>""");
        var bar = bars.Count == 0 ? 0 : Math.Max(1, (step / bars.Count) - 1);
        for (var i = 0; i < dates.Count; i++)
        {
            for (var b = 0; b < bars.Count; b++)
            {
                var value = bars[b].Values[i];
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect class="{bars[b].CssClass}" x="{F(Left + (i * step) + (b * bar))}" y="{F(Y(value))}" width="{F(bar)}" height="{F(baseline - Y(value))}" fill="{bars[b].Color}"/>""");
            }
        }

        foreach (var line in lines.Where(_ => dates.Count > 0))
        {
            var points = string.Join(' ', line.Values.Select((v, i) => $"{F(Left + (i * step) + (step / 2))},{F(Y(v))}"));
            svg.Append(CultureInfo.InvariantCulture,
                $"""<polyline class="{line.CssClass}" points="{points}" fill="none" stroke="{line.Color}" stroke-width="2.5"/>""");
        }

        if (dates.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{baseline + 18}" font-size="11">{dates[0]:yyyy-MM-dd}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - Right}" y="{baseline + 18}" text-anchor="end" font-size="11">{dates[^1]:yyyy-MM-dd}</text>""");
        }

        if (legend > 0)
        {
            var y = 260;
            foreach (var series in bars.Concat(lines))
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="{y}" width="12" height="10" fill="{series.Color}"/>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + 18}" y="{y + 9}" font-size="11">{Escape(series.Name)}</text>""");
                y += LegendRow;
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
