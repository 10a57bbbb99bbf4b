using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using BacklogFlow.Planning;
using Spectre.Console;
using static BacklogFlow.Domain.Deadlines.LegalDates;

namespace BacklogFlow.Cli.Plans;

/// <summary>
/// Prints a recovery plan: per policy the figures a supervisor commits on, then the burn-down day by
/// day (the open backlog under each policy side by side), or all of it as one JSON object.
/// </summary>
internal static class PlanReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // For a terminal or a pipe, not a web page: "–" and "€" stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(RecoveryPlanner planner, IReadOnlyList<PolicyOutcome> outcomes, PlanTiming timing)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(outcomes);
        var scenario = planner.Scenario;
        return JsonSerializer.Serialize(new
        {
            scenario = scenario.Code,
            name = scenario.Name,
            seed = planner.Seed,
            start = scenario.Start,
            end = scenario.End,
            cases = planner.Cases,
            reviewTasks = planner.ReviewTasks,
            followedThrough = planner.FollowedThrough,
            simulation = new
            {
                seconds = Math.Round(timing.Total.TotalSeconds, 3),
                preparedSeconds = Math.Round(timing.Prepared.TotalSeconds, 3),
                reviewRuns = timing.Runs,
                reviewRunsSeconds = Math.Round(timing.Simulated.TotalSeconds, 3),
            },
            policies = outcomes,
        }, Json);
    }

    public static void WriteText(RecoveryPlanner planner, IReadOnlyList<PolicyOutcome> outcomes, PlanTiming timing, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(console);
        var scenario = planner.Scenario;
        console.MarkupLine(Markup.Escape(
            $"Recovery plan {scenario.Code}: {scenario.Name}, {Format(scenario.Start)} – {Format(scenario.End)}, seed {planner.Seed}"));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{planner.Cases:N0} cases ({planner.ReviewTasks:N0} to review), followed through to {Format(planner.FollowedThrough)} so that each is decided or past its deadline")));
        console.MarkupLine(Markup.Escape(timing.ToString()));
        WriteSummary(outcomes, console);
        WriteBurnDown(outcomes, console);
    }

    private static void WriteSummary(IReadOnlyList<PolicyOutcome> outcomes, IAnsiConsole console)
    {
        var table = new Table().Title("Per policy (shares of the cases received in the plan)").AddColumn("");
        foreach (var outcome in outcomes)
        {
            table.AddColumn(new TableColumn(Markup.Escape(outcome.Policy.Name)).RightAligned());
        }

        void Row(string label, Func<PolicyOutcome, string> value) =>
            table.AddRow([Markup.Escape(label), .. outcomes.Select(o => Markup.Escape(value(o)))]);

        Row("reviewers", o => o.Reviewers.ToString("N0", CultureInfo.InvariantCulture));
        Row("within legal term", o => Part(o.DecidedInTerm, o.Cases));
        Row("  mandatory only", o => Part(o.MandatoryDecidedInTerm, o.MandatoryCases));
        Row("within service promise", o => Part(o.DecidedWithinPromise, o.PromiseCases));
        Row("breaches", o => o.Breaches.ToString("N0", CultureInfo.InvariantCulture));
        Row("  mandatory breaches", o => o.MandatoryBreaches.ToString("N0", CultureInfo.InvariantCulture));
        Row("  past the deadline at the start", o => o.BreachedBeforeStart.ToString("N0", CultureInfo.InvariantCulture));
        Row("peak backlog", o => o.PeakBacklog.ToString("N0", CultureInfo.InvariantCulture));
        Row("  on", o => Short(o.PeakDay));
        Row("backlog cleared", o => o.ClearedOn is { } on ? Short(on) : "not cleared");
        Row("open at the last day", o => o.OpenAtEnd.ToString("N0", CultureInfo.InvariantCulture));
        Row("penalty exposure", o => Money(o.PenaltyExposure));
        Row("fewest reviewers, no avoidable mandatory breach", o => !o.Searched ? "not searched"
            : o.FewestReviewersForNoMandatoryBreach is { } n ? n.ToString("N0", CultureInfo.InvariantCulture)
            : $"more than {RecoveryPlanner.MaxReviewersSearched:N0}");
        console.Write(table);
    }

    private static void WriteBurnDown(IReadOnlyList<PolicyOutcome> outcomes, IAnsiConsole console)
    {
        // Every policy keeps the reviewers busy while there is work, so the open total is the same for
        // all of them; what differs is which cases wait: the mandatory ones open, per policy.
        var table = new Table().Title("Burn-down: cases open at the end of each day; mandatory cases open per policy").AddColumn("day")
            .AddColumn(new TableColumn("received").RightAligned())
            .AddColumn(new TableColumn("decided").RightAligned())
            .AddColumn(new TableColumn("reviews/day").RightAligned())
            .AddColumn(new TableColumn("open").RightAligned())
            .AddColumn(new TableColumn("to review").RightAligned());
        foreach (var outcome in outcomes)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"mandatory, {outcome.Policy.Name}")).RightAligned());
        }

        var first = outcomes[0].Days;
        for (var i = 0; i < first.Count; i++)
        {
            var day = first[i];
            table.AddRow([
                Markup.Escape(Short(day.Date)),
                N(day.Received),
                N(day.Decided),
                N(day.ReviewCapacity),
                N(day.Open),
                N(day.OpenForReview),
                .. outcomes.Select(o => N(o.Days[i].OpenMandatory)),
            ]);
        }

        console.Write(table);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Part(int part, int whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{PolicyOutcome.Share(part, whole):P1} ({part:N0})");

    private static string Short(DateOnly date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);
}
