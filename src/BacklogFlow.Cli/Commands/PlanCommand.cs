using System.CommandLine;
using System.Diagnostics;
using BacklogFlow.Cli.Plans;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Workflows;
using BacklogFlow.Planning;
using Spectre.Console;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// `backlogflow plan`: replays a recovery scenario with the engine's own rules under each review
/// policy and prints what it achieves, the fewest reviewers with no mandatory breach, and the
/// burn-down (table, and as SVG with --chart). Needs no database or bus. A bad scenario file gets
/// `file:line:col: message` on stderr and exit code 2.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var scenarioOption = new Option<string>("--scenario")
        {
            Description = "Scenario file (YAML, see workflows/scenarios/justis-2021.yaml).",
            Required = true,
        };
        var policies = new Option<string[]>("--policy")
        {
            Description = $"Review policy, repeatable: {string.Join(", ", ReviewPolicy.All.Select(p => p.Name))} (default: all).",
        };
        var reviewers = new Option<int?>("--reviewers") { Description = "Number of reviewers (default: the scenario's)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the arrivals (default: the scenario's); the same seed gives the same plan." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var chart = new Option<string?>("--chart") { Description = "Write the burn-down chart to FILE.svg or FILE.png." };
        var search = new Option<bool>("--no-search") { Description = "Skip the search for the fewest reviewers with no mandatory breach." };
        var workflows = new Option<string?>("--workflows")
        {
            Description = "Folder with the *.workflow.yaml definitions and calendars/ (default: the copy beside the binary).",
        };
        var command = new Command(
            "plan",
            "Simulate a backlog recovery with the engine's own rules under each review policy (no database or bus). "
            + "Bad scenario file: file:line:col: message on stderr, exit code 2.")
        {
            scenarioOption, policies, reviewers, seed, json, chart, search, workflows,
        };

        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            try
            {
                var catalog = WorkflowDefinitionLoader.LoadDirectory(result.GetValue(workflows) ?? new WorkflowOptions().Directory);
                var scenario = ScenarioLoader.LoadFile(result.GetRequiredValue(scenarioOption), catalog);
                var chosen = Policies(result.GetValue(policies));
                var chartFile = result.GetValue(chart);
                var png = chartFile?.EndsWith(".png", StringComparison.OrdinalIgnoreCase) == true;
                if (chartFile is not null && !png && !chartFile.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                {
                    throw new PlanInputException($"--chart '{chartFile}': name a .svg or .png file");
                }

                var count = result.GetValue(reviewers) ?? scenario.Reviewers.Count;
                if (count < 0)
                {
                    throw new PlanInputException($"--reviewers must be 0 or more, not {count}");
                }

                var watch = Stopwatch.StartNew();
                var planner = new RecoveryPlanner(scenario, catalog, result.GetValue(seed) ?? scenario.Seed);
                var prepared = watch.Elapsed;
                var outcomes = planner.Compare(chosen, count, search: !result.GetValue(search));
                var timing = new PlanTiming(prepared, watch.Elapsed - prepared, planner.Runs);

                var title = $"Recovery plan {scenario.Code}: {scenario.Name}";
                if (png)
                {
                    PlanPng.Write(chartFile!, title, outcomes);
                }
                else if (chartFile is not null)
                {
                    File.WriteAllText(chartFile, PlanChart.Svg(title, outcomes));
                }

                if (result.GetValue(json))
                {
                    result.InvocationConfiguration.Output.WriteLine(PlanReport.ToJson(planner, outcomes, timing));
                }
                else
                {
                    if (Console.IsOutputRedirected)
                    {
                        // A file or a pipe has no width; the tables need more than the default 80 columns.
                        AnsiConsole.Console.Profile.Width = 160;
                    }

                    PlanReport.WriteText(planner, outcomes, timing, AnsiConsole.Console);
                    if (chartFile is not null)
                    {
                        AnsiConsole.MarkupLine(Markup.Escape($"Chart written to {chartFile}"));
                    }
                }

                return 0;
            }
            catch (Exception ex) when (ex is WorkflowDefinitionException or PlanInputException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"backlogflow: {ex.Message}");
                return BacklogFlowCommandLine.BadInput;
            }
        });
        return command;
    }

    private static List<ReviewPolicy> Policies(string[]? names)
    {
        if (names is null || names.Length == 0)
        {
            return [.. ReviewPolicy.All];
        }

        return [.. names.Distinct(StringComparer.Ordinal).Select(name => ReviewPolicy.Find(name)
            ?? throw new PlanInputException(
                $"--policy '{name}' is not a policy; the policies are {string.Join(", ", ReviewPolicy.All.Select(p => p.Name))}"))];
    }
}
