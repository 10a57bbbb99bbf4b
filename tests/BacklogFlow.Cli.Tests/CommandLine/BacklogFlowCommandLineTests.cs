using BacklogFlow.Cli.Commands;
using BacklogFlow.Cli.Tests.Support;

namespace BacklogFlow.Cli.Tests.CommandLine;

/// <summary>
/// Every kind of bad input ends with the same exit code, 2, with the reason on standard error; what
/// the parser cannot read is no exception (System.CommandLine's own code for it is 1, a failed run's).
/// None of these reaches a database or a bus.
/// </summary>
public sealed class BacklogFlowCommandLineTests
{
    [Theory]
    [InlineData("surge --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("deadline --product vog-np", "--received")]
    [InlineData("bench nothing", "Argument 'nothing' not recognized")]
    [InlineData("nothing", "Unrecognized command or argument 'nothing'")]
    [InlineData("deadline --product vog-np --received 2021-11-31", "backlogflow: --received '2021-11-31' is not a date")]
    public async Task InvokeAsync_BadInput_ExitCode2WithTheReasonOnStderr(string commandLine, string expected)
    {
        var (exitCode, _, error) = await CommandLineRun.InvokeAsync(commandLine.Split(' '));

        exitCode.Should().Be(BacklogFlowCommandLine.BadInput);
        error.Should().Contain(expected);
    }

    [Fact]
    public async Task InvokeAsync_Help_ExitCode0()
    {
        var (exitCode, _, error) = await CommandLineRun.InvokeAsync("--help");

        exitCode.Should().Be(0);
        error.Should().BeEmpty();
    }
}
