using BacklogFlow.Cli.Hosting;
using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// The engine's own services (work queue, class rankings, sweeper...) wired by the same registration
/// every host uses, against a scratch database, and never started: no bus, no background sweep, no
/// migration on startup, so what a benchmark times is only the call it makes.
/// </summary>
internal sealed class ScratchEngine : IDisposable
{
    private readonly IHost _host;

    public ScratchEngine(BenchConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConnectionString = connectionString;
        _host = EngineHost.Build(
            configuration.With(new Dictionary<string, string?>
            {
                [$"{DatabaseOptions.Section}:Provider"] = nameof(DatabaseProvider.PostgreSql),
                [$"{DatabaseOptions.Section}:ConnectionString"] = connectionString,
                [$"{DatabaseOptions.Section}:MigrateOnStartup"] = "false",
                [$"{MessagingOptions.Section}:Transport"] = nameof(BusTransport.InMemory),
                [$"{DeadlineSweepOptions.Section}:Enabled"] = "false",
            }),
            EngineRole.Publisher);
    }

    public string ConnectionString { get; }

    /// <summary>A new scratch database and the engine on it.</summary>
    public static async Task<ScratchEngine> CreateAsync(BenchContext context, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ScratchEngine(context.Configuration, await context.Scratch.CreateAsync(purpose, cancellationToken));
    }

    public IServiceProvider Services => _host.Services;

    public void Dispose() => _host.Dispose();
}
