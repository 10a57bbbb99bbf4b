namespace BacklogFlow.Planning;

/// <summary>
/// A plan's burn-down: received and decided per day as bars, the open backlog as a line (the same
/// under every policy: each keeps the reviewers busy while there is work), and the mandatory cases
/// open under each policy as a line of its own (which cases wait is what the policies change).
/// </summary>
public static class PlanChart
{
    private static readonly string[] _colors = ["#a40000", "#1f5fa8", "#2f7d3b", "#8a4fbf", "#b86e00", "#444444"];

    public static string Svg(string title, IReadOnlyList<PolicyOutcome> outcomes, string id = "plan-burn-down")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            throw new ArgumentException("a chart needs at least one outcome", nameof(outcomes));
        }

        var days = outcomes[0].Days;
        List<ChartSeries> bars =
        [
            new("received per day", "received", "#7aa7d6", [.. days.Select(d => d.Received)]),
            new("decided per day", "decided", "#9fd3a8", [.. days.Select(d => d.Decided)]),
        ];
        List<ChartSeries> lines = [new($"open at the end of the day ({outcomes[0].Reviewers} reviewers)", "open", "#111111", [.. days.Select(d => d.Open)])];
        lines.AddRange(outcomes.Select((o, i) => new ChartSeries(
            $"mandatory open, {o.Policy.Name}", "open-mandatory", _colors[i % _colors.Length], [.. o.Days.Select(d => d.OpenMandatory)])));
        var cleared = string.Join("; ", outcomes.Select(o => $"{o.Policy.Name}: peak {o.PeakBacklog:#,0} on {o.PeakDay:yyyy-MM-dd}, "
            + (o.ClearedOn is { } on ? $"cleared {on:yyyy-MM-dd}" : "not cleared") + $", {o.Breaches:#,0} breaches"));
        return BurnDownSvg.Render(
            id,
            [.. days.Select(d => d.Date)],
            bars,
            lines,
            title,
            $"{days[0].Date:yyyy-MM-dd} to {days[^1].Date:yyyy-MM-dd}. {cleared}.");
    }
}
