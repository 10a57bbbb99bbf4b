using System.CommandLine;
using BacklogFlow.Domain.Workflows;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// The <c>backlogflow</c> command line: its commands, and one exit code for every kind of bad input —
/// a value the domain refuses, a configuration mistake, and what the parser cannot read at all (an
/// unknown option, a missing required one) — so a script tells a usage error (2) from a failed
/// run (1) without reading the text.
/// </summary>
internal static class BacklogFlowCommandLine
{
    /// <summary>The exit code of bad input of any kind; its message is on standard error.</summary>
    public const int BadInput = 2;

    public static RootCommand Root() => new("BacklogFlow: works off a post-outage backlog of applications fairly and on time.")
    {
        SurgeCommand.Create(),
        DeadlineCommand.Create(),
        PlanCommand.Create(),
        MigrateCommand.Create(),
        WorkerCommand.Create(),
        QuarantineCommand.Create(),
        BenchCommand.Create(),
    };

    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var parsed = Root().Parse(args);
        try
        {
            var exitCode = await parsed.InvokeAsync(configuration);

            // System.CommandLine prints the parse errors and the usage, and returns 1 for them.
            return parsed.Errors.Count > 0 ? BadInput : exitCode;
        }
        catch (Exception ex) when (ex is WorkflowDefinitionException or OptionsValidationException)
        {
            // Configuration mistakes get one clear line, not a stack trace.
            await (configuration.Error ?? Console.Error).WriteLineAsync($"backlogflow: {ex.Message}");
            return BadInput;
        }
    }
}
