using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace BacklogFlow.Cli.Surge;

/// <summary>Prints a surge's account: one JSON object, or a table for people.</summary>
internal static class SurgeReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ToJson(SurgeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var spec = result.Specification;
        var account = result.Account;
        return JsonSerializer.Serialize(new
        {
            sourceSystem = spec.SourceSystem,
            seed = spec.Seed,
            sent = new
            {
                messages = spec.MessageCount,
                applications = spec.Applications,
                invalid = spec.InvalidCount,
                duplicates = spec.DuplicateCount,
                conflicts = spec.ConflictCount,
            },
            received = account.MessagesAccountedFor,
            accepted = account.Accepted,
            duplicatesIgnored = account.DuplicatesIgnored,
            quarantined = account.Quarantined,
            quarantinedByReason = account.QuarantinedByReason,
            decidedAutomatically = account.DecidedAutomatically,
            decidedAfterReview = account.DecidedAfterReview,
            waiting = account.Waiting,
            waitingByQueue = account.WaitingByQueue.OrderBy(q => q.Key, StringComparer.Ordinal).ToDictionary(),
            legacySystem = new
            {
                decisionsReceived = result.DecisionsReceived,
                decisionRepeats = result.DecisionRepeats,
                rejectionsReceived = result.RejectionsReceived,
                rejectionRepeats = result.RejectionRepeats,
            },
            unaccounted = result.UnaccountedMessages,
            allAccountedFor = result.AllAccountedFor,
            discrepancies = result.Discrepancies,
            elapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 3),
        }, Json);
    }

    public static void WriteTable(SurgeResult result, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(console);
        var spec = result.Specification;
        var account = result.Account;
        var table = new Table().Title($"Surge {spec.SourceSystem} (seed {spec.Seed})").AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        void Row(string label, int value) => table.AddRow(label, value.ToString("N0"));

        Row("messages sent", spec.MessageCount);
        Row("received and accounted for", account.MessagesAccountedFor);
        Row("  applications accepted", account.Accepted);
        Row("  duplicates ignored", account.DuplicatesIgnored);
        foreach (var (reason, count) in account.QuarantinedByReason.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            Row($"  quarantined: {reason}", count);
        }

        Row("decided automatically", account.DecidedAutomatically);
        Row("decided after review", account.DecidedAfterReview);
        foreach (var (queue, count) in account.WaitingByQueue.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            Row($"waiting in {queue}", count);
        }

        Row("decisions received by the legacy system", result.DecisionsReceived);
        Row("rejections received by the legacy system", result.RejectionsReceived);
        Row("replies delivered again (at least once; de-duplicated)", result.DecisionRepeats + result.RejectionRepeats);
        Row("unaccounted", result.UnaccountedMessages);
        console.Write(table);
        console.MarkupLine($"Took {result.Elapsed.TotalSeconds:F1} s ({spec.MessageCount / Math.Max(result.Elapsed.TotalSeconds, 0.001):N0} messages/s).");
        if (result.AllAccountedFor)
        {
            console.MarkupLine("[green]Every application is accounted for.[/]");
        }
        else
        {
            foreach (var problem in result.Discrepancies)
            {
                console.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
            }
        }
    }
}
