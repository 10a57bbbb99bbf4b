using System.Diagnostics;
using System.Text;

namespace BacklogFlow.Cli.Hosting;

/// <summary>
/// A real `backlogflow worker` process (this binary), configured by environment variables as in
/// production: the backbone tests kill and replace them mid-surge, and `bench intake` measures the
/// engine alone in one (its time and its own peak memory). It is started when its bus has started;
/// it can be killed outright.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>
    /// Workers not yet disposed. A test that times out or hangs, or a bench stopped midway, never
    /// reaches its disposal; these are killed when this process ends, so no worker outlives it (one
    /// held CI for 20 minutes).
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

    /// <summary>The worker's process id (the bench reads its peak memory by it).</summary>
    public int Id => _process.Id;

    public static async Task<WorkerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
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

    /// <summary>
    /// Waits until the worker reports itself ready (/health/ready: database reachable, every receive
    /// endpoint of the bus connected). The bus says it started before its endpoints have bound their
    /// queues; a timed surge must not count that.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var address = ObservabilityAddress ?? throw new InvalidOperationException($"the worker did not say where it serves /health/ready:\n{Log}");
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            while (true)
            {
                try
                {
                    using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), deadline.Token);
                    if (ready.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet: ask again.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the worker was not ready within {limit.TotalSeconds:0} s:\n{Log}");
        }
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
