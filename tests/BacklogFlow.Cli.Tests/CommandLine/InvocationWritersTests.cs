using BacklogFlow.Cli.Commands;
using BacklogFlow.Cli.Tests.Support;

namespace BacklogFlow.Cli.Tests.CommandLine;

/// <summary>
/// The commands write what they report and what they refuse to the invocation's writers, not to the
/// process's console, so a host that runs them (a test, a script runner) gets their words.
/// </summary>
public sealed class InvocationWritersTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("backlogflow-writers-");

    [Fact]
    public async Task MigrateThenQuarantineShow_UnknownEntry_ReportAndRefusalOnTheInvocationsWriters()
    {
        string[] database = ["--database", "sqlite", "--connection-string", $"Data Source={Path.Combine(_directory.FullName, "writers.db")}"];
        var missing = Guid.NewGuid();

        var (migrated, migrateOutput, migrateError) = await CommandLineRun.InvokeAsync(["migrate", .. database]);
        var (shown, showOutput, showError) = await CommandLineRun.InvokeAsync(["quarantine", "show", missing.ToString(), .. database]);

        migrated.Should().Be(0, migrateError);
        migrateOutput.Should().Contain("Database is up to date.");
        shown.Should().Be(BacklogFlowCommandLine.BadInput);
        showOutput.Should().BeEmpty();
        showError.Should().Contain($"quarantined message {missing} does not exist");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
