using BacklogFlow.Planning;
using ScottPlot;

namespace BacklogFlow.Cli.Plans;

/// <summary>
/// The plan's chart as PNG (ScottPlot on SkiaSharp): the same series as the SVG
/// (<see cref="PlanChart.Series"/>), received and decided per day as bars side by side, the open
/// backlog and each policy's mandatory cases open as lines, dates along the bottom.
/// </summary>
internal static class PlanPng
{
    private const int Width = 1200;
    private const int Height = 600;

    public static void Write(string path, string title, IReadOnlyList<PolicyOutcome> outcomes)
    {
        var (dates, bars, lines, _) = PlanChart.Series(outcomes);
        var x = dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        using var plot = new Plot();
        var width = 0.8 / Math.Max(1, bars.Count);
        for (var b = 0; b < bars.Count; b++)
        {
            var offset = (b - ((bars.Count - 1) / 2.0)) * width;
            var plotted = plot.Add.Bars(x.Select(v => v + offset).ToArray(), bars[b].Values.Select(v => (double)v).ToArray());
            plotted.LegendText = bars[b].Name;
            foreach (var bar in plotted.Bars)
            {
                bar.Size = width;
                bar.FillColor = Color.FromHex(bars[b].Color);
                bar.LineWidth = 0;
            }
        }

        foreach (var line in lines)
        {
            var plotted = plot.Add.ScatterLine(x, line.Values.Select(v => (double)v).ToArray());
            plotted.LegendText = line.Name;
            plotted.Color = Color.FromHex(line.Color);
            plotted.LineWidth = 2.5f;
        }

        if (plot.Axes.DateTimeTicksBottom().TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }
}
