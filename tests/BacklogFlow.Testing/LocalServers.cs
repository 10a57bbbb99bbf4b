using System.Diagnostics;

namespace BacklogFlow.Testing;

/// <summary>
/// Makes sure the real servers the tests need are running, as Testcontainers would: on first use it
/// runs deploy/local/start.sh (which installs the Debian packages when they are missing and
/// provisions users and databases). A test never skips because a server is missing: it fails
/// with the script's output. BACKLOGFLOW_TEST_SERVERS=external says the servers are managed
/// elsewhere (BACKLOGFLOW_TEST_POSTGRES then says where).
/// </summary>
public static class LocalServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _started;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_started || Environment.GetEnvironmentVariable("BACKLOGFLOW_TEST_SERVERS") == "external")
            {
                return;
            }

            var script = Path.Combine(RepositoryRoot, "deploy", "local", "start.sh");
            var start = new ProcessStartInfo("bash", [script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepositoryRoot,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{script} failed with exit code {process.ExitCode}; the PostgreSQL/RabbitMQ tests cannot run.\n{await output}\n{await errors}");
            }

            _started = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Restarts the broker application (every connection drops; durable queues and messages stay)
    /// through deploy/local/restart-rabbitmq.sh, which holds the deploy lock: a start.sh run by a
    /// test assembly in parallel waits instead of provisioning a half-stopped broker.
    /// </summary>
    public static Task RestartRabbitMqAsync(CancellationToken cancellationToken) =>
        RunAsync("bash", [Path.Combine(RepositoryRoot, "deploy", "local", "restart-rabbitmq.sh")], cancellationToken);

    /// <summary>Runs a server tool (rabbitmqctl...) and returns its output; fails with the output when it fails.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {fileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await output}{await errors}");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BacklogFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no BacklogFlow.sln above {AppContext.BaseDirectory}");
    }
}
