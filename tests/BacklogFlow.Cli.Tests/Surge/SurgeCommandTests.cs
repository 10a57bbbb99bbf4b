using BacklogFlow.Cli.Commands;

namespace BacklogFlow.Cli.Tests.Surge;

public sealed class SurgeCommandTests
{
    [Theory]
    [InlineData("surge --applications 0", "--applications must be between")]
    [InlineData("surge --applications 10 --duplicates -0.5", "--duplicates must be between")]
    [InlineData("surge --applications 10 --invalid 1.5", "--invalid must be between")]
    [InlineData("surge", "--applications")]
    public void Parse_BadArguments_ClearError(string commandLine, string expected)
    {
        var root = new System.CommandLine.RootCommand { SurgeCommand.Create() };

        var result = root.Parse(commandLine);

        result.Errors.Should().NotBeEmpty();
        string.Join("\n", result.Errors.Select(e => e.Message)).Should().Contain(expected);
    }
}
