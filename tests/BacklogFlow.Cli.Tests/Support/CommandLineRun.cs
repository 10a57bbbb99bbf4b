using System.CommandLine;
using BacklogFlow.Cli.Commands;

namespace BacklogFlow.Cli.Tests.Support;

/// <summary>Runs <c>backlogflow</c> in the test's process, as Program does, with its writers captured.</summary>
internal static class CommandLineRun
{
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await BacklogFlowCommandLine.InvokeAsync(
            args, new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return (exitCode, output.ToString(), error.ToString());
    }
}
