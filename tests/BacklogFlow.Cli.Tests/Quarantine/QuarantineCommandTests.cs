using System.Diagnostics;
using System.Text.Json;

namespace BacklogFlow.Cli.Tests.Quarantine;

/// <summary>
/// A supervisor's quarantine actions through the real `backlogflow` binary on the embedded default:
/// a surge with defective messages fills the quarantine, and list, discard, replay and show work
/// on it, refusing what cannot be done with one line and exit code 2.
/// </summary>
public sealed class QuarantineCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("backlogflow-quarantine-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Database => $"Data Source={Path.Combine(_directory, "engine.db")}";

    [Fact]
    public async Task Quarantine_AfterASurgeWithDefectiveMessages_ListDiscardReplayAndRefusals()
    {
        var surge = await RunAsync("surge", "--applications", "40", "--invalid", "0.1", "--json", "--connection-string", Database);
        surge.ExitCode.Should().Be(0, surge.Errors);

        var open = await ListAsync();
        open.Should().HaveCount(4, "the surge sent 4 defective messages");
        var second = open.First(e => e.GetProperty("reason").GetString() == "invalid").GetProperty("id").GetString()!;
        var first = open.Select(e => e.GetProperty("id").GetString()!).First(id => id != second);

        (await RunAsync("quarantine", "discard", first, "--by", "supervisor-1", "--reason", "test message from the legacy team", "--connection-string", Database))
            .ExitCode.Should().Be(0);
        var replay = await RunAsync("quarantine", "replay", second, "--by", "supervisor-1", "--note", "code list fixed", "--connection-string", Database);
        replay.ExitCode.Should().Be(0, replay.Errors);
        replay.Output.Should().Contain("queued in the outbox");

        (await ListAsync()).Should().HaveCount(2, "resolved entries leave the open list");
        var all = await ListAsync("--all");
        all.Should().HaveCount(4);
        all.Single(e => e.GetProperty("id").GetString() == first).GetProperty("resolution").GetString().Should().Be("discarded");
        all.Single(e => e.GetProperty("id").GetString() == second).GetProperty("resolution").GetString().Should().Be("replayed");

        var again = await RunAsync("quarantine", "replay", first, "--by", "supervisor-2", "--connection-string", Database);
        again.ExitCode.Should().Be(2);
        again.Errors.Trim().Should().StartWith("backlogflow: ").And.Contain("already discarded by supervisor-1").And.NotContain("\n");
        var missing = await RunAsync("quarantine", "show", Guid.Empty.ToString(), "--connection-string", Database);
        missing.ExitCode.Should().Be(2);
        missing.Errors.Should().Contain("does not exist");
        var shown = await RunAsync("quarantine", "show", second, "--connection-string", Database);
        JsonDocument.Parse(shown.Output).RootElement.GetProperty("payload").GetString().Should().Contain("applicationId", "the payload is kept as received");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<List<JsonElement>> ListAsync(params string[] more)
    {
        var list = await RunAsync(["quarantine", "list", "--json", "--connection-string", Database, .. more]);
        list.ExitCode.Should().Be(0, list.Errors);
        return [.. JsonDocument.Parse(list.Output).RootElement.EnumerateArray()];
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "backlogflow.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start backlogflow");
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output, await errors);
    }
}
