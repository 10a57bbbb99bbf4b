using System.CommandLine;
using System.Text.Json;
using BacklogFlow.Cli.Hosting;
using BacklogFlow.Engine.Quarantine;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// `backlogflow quarantine list|show|replay|discard`: what a supervisor does with messages that did
/// not become applications, from the command line (the web app offers the same actions). A replay
/// is committed to the outbox and published by a running engine process, or by the next to start.
/// </summary>
internal static class QuarantineCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("quarantine", "Inspect, replay or discard quarantined messages.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Replay());
        command.Subcommands.Add(Discard());
        return command;
    }

    private static Command List()
    {
        var reason = new Option<string?>("--reason") { Description = "Only this reason (invalid, conflicting-duplicate, unreadable, processing-failed)." };
        var all = new Option<bool>("--all") { Description = "Include entries already replayed or discarded." };
        var skip = new Option<int>("--skip") { Description = "Entries to skip (paging).", DefaultValueFactory = _ => 0 };
        var take = new Option<int>("--take") { Description = $"Entries to show, at most {QuarantineActions.MaxPageSize}.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var common = new CommonOptions();
        var command = new Command("list", "List quarantined messages, newest first (only unresolved ones unless --all).") { reason, all, skip, take, json };
        common.AddTo(command);
        command.SetAction((result, cancellationToken) => WithActionsAsync(common, result, async actions =>
        {
            if (result.GetValue(skip) < 0 || result.GetValue(take) is < 1 or > QuarantineActions.MaxPageSize)
            {
                throw new QuarantineActionException($"--skip must be 0 or more and --take between 1 and {QuarantineActions.MaxPageSize}");
            }

            var entries = await actions.ListAsync(result.GetValue(reason), result.GetValue(all), result.GetValue(skip), result.GetValue(take), cancellationToken);
            if (result.GetValue(json))
            {
                await result.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(entries.Select(Summary), Json));
                return;
            }

            foreach (var entry in entries)
            {
                var resolved = entry.ResolvedAt is null ? "open" : $"{entry.Resolution} by {entry.ResolvedBy}";
                await result.InvocationConfiguration.Output.WriteLineAsync(
                    $"{entry.Id}  {entry.QuarantinedAt:yyyy-MM-dd HH:mm:ss}  {entry.Reason,-21}  {entry.SourceSystem ?? "-"}/{entry.ApplicationId ?? "-"}  {resolved}  {entry.Detail}");
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"{entries.Count} shown");
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<Guid>("id") { Description = "The quarantine id." };
        var common = new CommonOptions();
        var command = new Command("show", "Show one quarantined message with its payload, as JSON.") { id };
        common.AddTo(command);
        command.SetAction((result, cancellationToken) => WithActionsAsync(common, result, async actions =>
        {
            var entry = await actions.FindAsync(result.GetValue(id), cancellationToken)
                ?? throw new QuarantineActionException($"quarantined message {result.GetValue(id)} does not exist");
            await result.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(entry, Json));
        }));
        return command;
    }

    private static Command Replay()
    {
        var id = new Argument<Guid>("id") { Description = "The quarantine id." };
        var by = new Option<string>("--by") { Description = "Who replays it (kept with the entry).", Required = true };
        var note = new Option<string?>("--note") { Description = "Why, e.g. what was mended." };
        var common = new CommonOptions();
        var command = new Command("replay", "Send a quarantined message through intake again, as a new message with the same content.") { id, by, note };
        common.AddTo(command);
        command.SetAction((result, cancellationToken) => WithActionsAsync(common, result, async actions =>
        {
            var entry = await actions.ReplayAsync(result.GetValue(id), result.GetValue(by)!, result.GetValue(note), cancellationToken);
            await result.InvocationConfiguration.Output.WriteLineAsync(
                $"{entry.Id} replayed: queued in the outbox; a running engine publishes it within a second, or the next one to start.");
        }));
        return command;
    }

    private static Command Discard()
    {
        var id = new Argument<Guid>("id") { Description = "The quarantine id." };
        var by = new Option<string>("--by") { Description = "Who discards it (kept with the entry).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why it is set aside for good.", Required = true };
        var common = new CommonOptions();
        var command = new Command("discard", "Set a quarantined message aside for good, with a reason.") { id, by, reason };
        common.AddTo(command);
        command.SetAction((result, cancellationToken) => WithActionsAsync(common, result, async actions =>
        {
            var entry = await actions.DiscardAsync(result.GetValue(id), result.GetValue(by)!, result.GetValue(reason)!, cancellationToken);
            await result.InvocationConfiguration.Output.WriteLineAsync($"{entry.Id} discarded.");
        }));
        return command;
    }

    private static object Summary(QuarantinedMessage entry) => new
    {
        entry.Id,
        entry.QuarantinedAt,
        entry.Reason,
        entry.Detail,
        entry.SourceSystem,
        entry.ApplicationId,
        entry.ResolvedAt,
        entry.Resolution,
        entry.ResolvedBy,
        entry.ResolutionNote,
    };

    /// <summary>Runs an action against the configured database; a refused action is one line and exit 2.</summary>
    private static async Task<int> WithActionsAsync(CommonOptions common, ParseResult result, Func<QuarantineActions, Task> action)
    {
        using var host = EngineHost.Build(common.ToConfiguration(result), EngineRole.Publisher);
        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider.GetRequiredService<QuarantineActions>());
            return 0;
        }
        catch (Exception ex) when (ex is QuarantineActionException or KeyNotFoundException)
        {
            await result.InvocationConfiguration.Error.WriteLineAsync($"backlogflow: {ex.Message}");
            return BacklogFlowCommandLine.BadInput;
        }
    }
}
