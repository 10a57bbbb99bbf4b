using System.Globalization;

namespace BacklogFlow.Planning;

/// <summary>
/// A plan's burn-down: received and decided per day as bars, the open backlog as a line (the same
/// under every policy: each keeps the reviewers busy while there is work), and the mandatory cases
/// open under each policy as a line of its own (which cases wait is what the policies change).
/// <see cref="Series"/> is what is drawn; <see cref="Svg"/> draws it with <see cref="BurnDownSvg"/>
/// (the CLI draws the same series as PNG too).
/// </summary>
public static class PlanChart
{
    private static readonly string[] _colors = ["#a40000", "#1f5fa8", "#2f7d3b", "#8a4fbf", "#b86e00", "#444444"];

    /// <summary>The days, the bar series and the line series of the chart, and a description of it in words.</summary>
    public static (IReadOnlyList<DateOnly> Dates, IReadOnlyList<ChartSeries> Bars, IReadOnlyList<ChartSeries> Lines, string Description) Series(
        IReadOnlyList<PolicyOutcome> outcomes, ChartLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            throw new ArgumentException("a chart needs at least one outcome", nameof(outcomes));
        }

        labels ??= ChartLabels.English;
        var days = outcomes[0].Days;
        List<ChartSeries> bars =
        [
            new(labels.Received, "received", "#7aa7d6", [.. days.Select(d => d.Received)]),
            new(labels.Decided, "decided", "#9fd3a8", [.. days.Select(d => d.Decided)]),
        ];
        List<ChartSeries> lines = [new(Fill(labels.Open, outcomes[0].Reviewers.ToString(CultureInfo.InvariantCulture)), "open", "#111111", [.. days.Select(d => d.Open)])];
        lines.AddRange(outcomes.Select((o, i) => new ChartSeries(
            Fill(labels.MandatoryOpen, o.Policy.Name), "open-mandatory", _colors[i % _colors.Length], [.. o.Days.Select(d => d.OpenMandatory)])));
        var cleared = string.Join("; ", outcomes.Select(o => $"{o.Policy.Name}: peak {o.PeakBacklog:#,0} on {o.PeakDay:yyyy-MM-dd}, "
            + (o.ClearedOn is { } on ? $"cleared {on:yyyy-MM-dd}" : "not cleared") + $", {o.Breaches:#,0} breaches"));
        return ([.. days.Select(d => d.Date)], bars, lines, $"{days[0].Date:yyyy-MM-dd} to {days[^1].Date:yyyy-MM-dd}. {cleared}.");
    }

    public static string Svg(string title, IReadOnlyList<PolicyOutcome> outcomes, ChartLabels? labels = null, string id = "plan-burn-down")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var (dates, bars, lines, description) = Series(outcomes, labels);
        return BurnDownSvg.Render(id, dates, bars, lines, title, description);
    }

    private static string Fill(string format, string value) => string.Format(CultureInfo.InvariantCulture, format, value);
}
