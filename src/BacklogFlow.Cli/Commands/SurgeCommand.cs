using System.CommandLine;
using System.CommandLine.Parsing;
using BacklogFlow.Cli.Hosting;
using BacklogFlow.Cli.Surge;
using BacklogFlow.Engine.Simulation;
using Spectre.Console;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// `backlogflow surge`: publishes a synthetic post-outage surge onto the bus exactly as the legacy
/// system would, runs the engine until every application is decided or waiting in a queue, and
/// prints the account. Exits 1 if anything is unaccounted for.
/// </summary>
internal static class SurgeCommand
{
    public static Command Create()
    {
        var applications = new Option<int>("--applications") { Description = "Distinct applications to send.", Required = true };
        applications.Validators.Add(r => RequireRange(r, r.GetValueOrDefault<int>(), 1, 1_000_000));
        var duplicates = Fraction("--duplicates", "Exact resends, as a fraction of --applications (0.1 = 10% extra messages).", 5);
        var invalid = Fraction("--invalid", "Share of the applications that are defective and must be quarantined.", 1);
        var conflicts = Fraction("--conflicts", "Resends with different content under a known id, as a fraction of --applications.", 1);
        var seed = new Option<int>("--seed") { Description = "Seed for the generator: the same seed sends the same surge.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the engine to account for everything.", DefaultValueFactory = _ => 600 };
        timeout.Validators.Add(r => RequireRange(r, r.GetValueOrDefault<int>(), 1, 86_400));
        var externalWorkers = new Option<bool>("--external-workers")
        {
            Description = "Only publish and account: `backlogflow worker` processes elsewhere consume the surge.",
        };
        var common = new CommonOptions();

        var command = new Command("surge", "Send a synthetic post-outage surge through the engine and account for every application.")
        {
            applications, duplicates, invalid, conflicts, seed, json, timeout, externalWorkers,
        };
        common.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var specification = new SurgeSpecification(
                result.GetValue(applications),
                result.GetValue(duplicates),
                result.GetValue(invalid),
                result.GetValue(conflicts),
                result.GetValue(seed),
                SourceSystem: $"surge-{Guid.NewGuid():N}"[..18],
                Now: DateTimeOffset.UtcNow);
            var runner = new SurgeRunner(
                specification,
                common.ToConfiguration(result),
                result.GetValue(externalWorkers) ? EngineRole.Publisher : EngineRole.Worker);
            var limit = TimeSpan.FromSeconds(result.GetValue(timeout));
            var asJson = result.GetValue(json);

            SurgeResult outcome;
            try
            {
                if (asJson || !AnsiConsole.Profile.Capabilities.Interactive)
                {
                    outcome = await runner.RunAsync(limit, progress: null, cancellationToken);
                }
                else
                {
                    outcome = await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
                    {
                        var bar = context.AddTask("accounting for messages", maxValue: specification.MessageCount);
                        return await runner.RunAsync(limit, new Progress<(int Done, int Total)>(p => bar.Value = p.Done), cancellationToken);
                    });
                }
            }
            catch (BusNotReadyException ex)
            {
                // Nothing was published: say what is missing, as for bad input.
                await result.InvocationConfiguration.Error.WriteLineAsync($"surge: {ex.Message}");
                return BacklogFlowCommandLine.BadInput;
            }

            if (asJson)
            {
                await result.InvocationConfiguration.Output.WriteLineAsync(SurgeReport.ToJson(outcome));
            }
            else
            {
                SurgeReport.WriteTable(outcome, AnsiConsole.Console);
            }

            return outcome.AllAccountedFor ? 0 : 1;
        });
        return command;
    }

    private static Option<double> Fraction(string name, string description, double max)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => 0 };
        option.Validators.Add(r => RequireRange(r, r.GetValueOrDefault<double>(), 0, max));
        return option;
    }

    private static void RequireRange(OptionResult result, double value, double min, double max)
    {
        if (value < min || value > max)
        {
            result.AddError($"{result.Option.Name} must be between {min} and {max}; got {value}.");
        }
    }
}
