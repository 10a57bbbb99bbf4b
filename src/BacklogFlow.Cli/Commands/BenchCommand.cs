using System.CommandLine;
using System.CommandLine.Parsing;
using BacklogFlow.Cli.Bench;
using Spectre.Console;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// `backlogflow bench intake|claim|rebalance|sweep|fairness|all`: measures the engine's real code
/// against a bare baseline in the same run, in interleaved rounds, on the configured PostgreSQL and
/// RabbitMQ, and prints the medians (a table, or one JSON object with --json). Starts no server:
/// what is missing is said plainly, the benchmarks that need it are skipped, and the exit code is 2.
/// </summary>
internal static class BenchCommand
{
    /// <param name="configuration">Settings under the command line's own (tests point the bench at their servers with it).</param>
    /// <param name="output">Where the table or JSON goes (standard output unless a test says otherwise).</param>
    public static Command Create(IReadOnlyDictionary<string, string?>? configuration = null, TextWriter? output = null)
    {
        var defaults = new BenchSizes();
        var benchmark = new Argument<string>("benchmark") { Description = "What to measure: intake, claim, rebalance, sweep, fairness or all." };
        benchmark.AcceptOnlyFromAmong([.. BenchRunner.All, "all"]);
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every figure and ratio instead of tables." };
        var rounds = Count("--rounds", "Interleaved rounds (engine, baseline, engine, baseline...); figures are medians.", defaults.Rounds, 100);
        var applications = Count("--applications", "intake: applications per run.", defaults.Applications, 1_000_000);
        var openTasks = Count("--open-tasks", "claim: open review tasks (the large size).", defaults.OpenTasks, 10_000_000);
        var smallOpenTasks = Count("--small-open-tasks", "claim: open review tasks of the small size.", defaults.SmallOpenTasks, 10_000_000);
        var claimers = Count("--claimers", "claim, rebalance, fairness: concurrent claimers.", defaults.Claimers, 256);
        var claims = Count("--claims", "claim: claims per run, all claimers together (at most half the open tasks).", defaults.Claims, 10_000_000);
        var rebalanceTasks = Count("--rebalance-tasks", "rebalance: open review tasks reordered.", defaults.RebalanceTasks, 10_000_000);
        var quietMilliseconds = Count("--quiet-ms", "rebalance: how long claimers run before the reorder starts.", (int)defaults.QuietWindow.TotalMilliseconds, 600_000);
        var sweepCases = Count("--sweep-cases", "sweep: open cases swept.", defaults.SweepCases, 50_000_000);
        var fairnessTasks = Count("--fairness-tasks", "fairness: open review tasks, most in the surging queue.", defaults.FairnessTasks, 10_000_000);
        var fairnessClaims = Count("--fairness-claims", "fairness: claims counted per round.", defaults.FairnessClaims, 10_000_000);
        var timeout = Count("--timeout", "intake: seconds one run may take.", (int)defaults.IntakeTimeout.TotalSeconds, 86_400);
        var common = new CommonOptions();

        var command = new Command("bench", "Measure intake, claims, rebalancing, the deadline sweep and fairness against bare baselines, in the same run.")
        {
            benchmark, json, rounds, applications, openTasks, smallOpenTasks, claimers, claims, rebalanceTasks, quietMilliseconds,
            sweepCases, fairnessTasks, fairnessClaims, timeout,
        };
        common.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var sizes = new BenchSizes
            {
                Rounds = result.GetValue(rounds),
                Applications = result.GetValue(applications),
                OpenTasks = result.GetValue(openTasks),
                SmallOpenTasks = result.GetValue(smallOpenTasks),
                Claimers = result.GetValue(claimers),
                Claims = result.GetValue(claims),
                RebalanceTasks = result.GetValue(rebalanceTasks),
                QuietWindow = TimeSpan.FromMilliseconds(result.GetValue(quietMilliseconds)),
                SweepCases = result.GetValue(sweepCases),
                FairnessTasks = result.GetValue(fairnessTasks),
                FairnessClaims = result.GetValue(fairnessClaims),
                IntakeTimeout = TimeSpan.FromSeconds(result.GetValue(timeout)),
            };
            var settings = new Dictionary<string, string?>(configuration ?? new Dictionary<string, string?>());
            foreach (var (key, value) in common.ToConfiguration(result))
            {
                settings[key] = value;
            }

            var asked = result.GetValue(benchmark) is "all" or null ? BenchRunner.All : [result.GetValue(benchmark)!];
            var runner = new BenchRunner(BenchConfiguration.Load(settings), sizes, TimeProvider.System, line => result.InvocationConfiguration.Error.WriteLine($"bench: {line}"));
            var report = await runner.RunAsync(asked, cancellationToken);

            var writer = output ?? result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                await writer.WriteLineAsync(report.ToJson());
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
                report.WriteTables(console);
            }

            return report.AnySkipped ? 2 : 0;
        });
        return command;
    }

    private static Option<int> Count(string name, string description, int defaultValue, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} Default {defaultValue:N0}.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => RequireRange(r, r.GetValueOrDefault<int>(), 1, max));
        return option;
    }

    private static void RequireRange(OptionResult result, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            result.AddError($"{result.Option.Name} must be between {min} and {max}; got {value}.");
        }
    }
}
