using System.Diagnostics;
using System.Text;

namespace BacklogFlow.Cli.Tests.Backbone;

/// <summary>
/// A real `backlogflow worker` process (the binary beside the tests), configured by environment
/// variables as in production. It is ready when its bus has started; it can be killed outright.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>
    /// Workers not yet disposed. A test that times out or hangs never reaches its disposal; these are
    /// killed when the test process ends, so no worker outlives the run (one held CI for 20 minutes).
    /// </summary>
    private static readonly HashSet<Process> Running = [];

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static WorkerProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillRunning();

    private WorkerProcess(Process process)
    {
        _process = process;
        lock (Running)
        {
            Running.Add(process);
        }
    }

    /// <summary>Where the worker serves /health/live, /health/ready and /metrics (its own log says).</summary>
    public Uri? ObservabilityAddress { get; private set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<WorkerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "backlogflow.dll"), "worker"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start a worker"));
        worker._process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        worker._process.EnableRaisingEvents = true;
        worker._process.Exited += (_, _) => worker._ready.TrySetException(new InvalidOperationException($"worker exited early:\n{worker.Log}"));
        try
        {
            // An upper bound for a cold start, not a pause: readiness is the worker's own log line.
            await worker._ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (TimeoutException)
        {
            await worker.DisposeAsync();
            throw new TimeoutException($"worker did not start its bus:\n{worker.Log}");
        }
        catch (Exception)
        {
            // Cancelled, or exited early: the caller never gets the worker, so it is ended here.
            await worker.DisposeAsync();
            throw;
        }

        return worker;
    }

    /// <summary>SIGKILL: no shutdown, no acknowledgements, no goodbyes.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        lock (Running)
        {
            Running.Remove(_process);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static void KillRunning()
    {
        lock (Running)
        {
            foreach (var process in Running)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        const string listening = "Now listening on: ";
        var at = line.IndexOf(listening, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + listening.Length)..].Trim(), UriKind.Absolute, out var address))
        {
            ObservabilityAddress = address;
        }

        if (line.Contains("Bus started", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
