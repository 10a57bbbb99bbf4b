using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Deadlines.LegalDates;

namespace BacklogFlow.Cli.Deadlines;

/// <summary>
/// Prints a <see cref="DeadlineComputation"/>: one JSON object (dates as yyyy-MM-dd, amounts in euros
/// as numbers), or text for people with the domain's applied rules in words.
/// </summary>
internal static class DeadlineReport
{
    private const int LabelWidth = 19;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // For a terminal or a pipe, not a web page: "→", "–", "€" and "+" in the applied rules stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(WorkflowDefinition definition, DeadlineComputation result)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(result);
        var penalty = result.Penalty;
        return JsonSerializer.Serialize(new
        {
            product = definition.Product,
            legalBasis = definition.Term.LegalBasis,
            receivedOn = result.ReceivedOn,
            termStartsOn = result.TermStartsOn,
            baseWeeks = result.BaseWeeks,
            recordExtensionWeeks = result.RecordExtensionWeeks,
            extensionWeeks = result.ExtensionWeeks,
            termWeeks = result.TermWeeks,
            termDays = result.TermDays,
            suspendedDays = result.SuspendedDays,
            unadjustedEnd = result.UnadjustedEnd,
            atwApplies = result.AtwApplies,
            legalDeadline = result.LegalDeadline,
            servicePromiseStartsFrom = result.ServicePromiseStartsFrom,
            servicePromiseDeadline = result.ServicePromiseDeadline,
            effectiveDueDate = result.EffectiveDueDate,
            asOf = result.AsOf,
            penalty = penalty is null ? null : new
            {
                noticeReceivedOn = penalty.NoticeReceivedOn,
                tariffFrom = penalty.Tariff.EffectiveFrom,
                firstDay = penalty.FirstDay,
                lastDay = penalty.LastDay,
                bands = penalty.Bands.Select(b => new
                {
                    band = b.Number,
                    from = b.From,
                    to = b.To,
                    perDay = b.PerDay,
                    daysCounted = b.DaysCounted,
                    amount = b.Amount,
                }),
                daysCounted = penalty.DaysCounted,
                total = penalty.Total,
                maximum = penalty.Maximum,
            },
            appliedRules = result.AppliedRules,
        }, Json);
    }

    public static void WriteText(WorkflowDefinition definition, DeadlineComputation result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        void Line(string label, string value) => output.WriteLine($"{label.PadRight(LabelWidth)}{value}");

        output.WriteLine($"{definition.Product}: {definition.Name}");
        Line("received", $"{Format(result.ReceivedOn)} (the term runs from {Format(result.TermStartsOn)})");
        Line("term", $"{Weeks(result.TermWeeks)} ({Days(result.TermDays)})");
        Line("suspended", Days(result.SuspendedDays));
        Line("legal deadline", Format(result.LegalDeadline)
            + (result.LegalDeadline == result.UnadjustedEnd ? "" : $" (the term ends {Format(result.UnadjustedEnd)}; Atw)"));
        Line("service promise", result.ServicePromiseDeadline is { } promise
            ? $"{Format(promise)} ({Weeks(definition.Term.ServicePromiseWeeks)} from {Format(result.ServicePromiseStartsFrom!.Value)})"
            : "none (not outage-affected)");
        Line("due", Format(result.EffectiveDueDate));
        WritePenalty(result, Line);

        output.WriteLine();
        output.WriteLine("Rules applied:");
        foreach (var rule in result.AppliedRules)
        {
            output.WriteLine($"  - {rule}");
        }
    }

    private static void WritePenalty(DeadlineComputation result, Action<string, string> line)
    {
        if (result.Penalty is not { } penalty)
        {
            line("penalty", "none (no notice of default received after the legal deadline)");
            return;
        }

        line("penalty", $"notice of default received {Format(penalty.NoticeReceivedOn)}; tariff in force from {Format(penalty.Tariff.EffectiveFrom)}");
        line("  first day", Format(penalty.FirstDay));
        line("  last day", Format(penalty.LastDay));
        foreach (var band in penalty.Bands)
        {
            line(
                $"  band {band.Number}",
                $"{Format(band.From)} – {Format(band.To)}  {Money(band.PerDay)} a day  {Days(band.DaysCounted)}  {Money(band.Amount)}");
        }

        var until = result.AsOf is { } asOf ? $"as of {Format(asOf)}" : "if no decision comes";
        line("  total", $"{Money(penalty.Total)} ({Days(penalty.DaysCounted)}, {until}); at most {Money(penalty.Maximum)}");
    }
}
