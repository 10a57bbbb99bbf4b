namespace BacklogFlow.Testing;

/// <summary>
/// Debian's chromium for the browser tests, installed on first use through deploy/local/install.sh
/// (as the servers are), so the README's test command passes on a fresh machine. Playwright never
/// downloads a browser of its own here: it launches this one.
/// </summary>
public static class LocalBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// Flags for a headless run as root on a machine without a network: no sandbox (root), and no
    /// background connections, which the closed network would refuse many times over.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<string> EnsureChromiumAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(ChromiumPath))
            {
                var script = Path.Combine(LocalServers.RepositoryRoot, "deploy", "local", "install.sh");
                await LocalServers.RunAsync("bash", [script, "chromium"], cancellationToken);
            }

            return File.Exists(ChromiumPath)
                ? ChromiumPath
                : throw new InvalidOperationException($"{ChromiumPath} is missing after installing the Debian package chromium");
        }
        finally
        {
            Gate.Release();
        }
    }
}
