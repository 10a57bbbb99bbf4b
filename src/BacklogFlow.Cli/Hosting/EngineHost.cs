using BacklogFlow.Engine;
using BacklogFlow.Engine.Observability;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BacklogFlow.Cli.Hosting;

/// <summary>
/// Builds the engine host the commands run: configuration from appsettings.json beside the binary,
/// environment variables (BacklogFlow__Database__ConnectionString=...) and the command's own
/// overrides. Logs go to standard error, so standard output stays clean for --json.
/// </summary>
internal static class EngineHost
{
    public static IHost Build(
        IReadOnlyDictionary<string, string?> overrides,
        EngineRole role,
        Action<IServiceCollection>? configureServices = null,
        Action<IBusRegistrationConfigurator>? configureBus = null,
        LogLevel logLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        Configure(builder, overrides, role, configureBus, logLevel);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    private static readonly TimeSpan MaxReadyWait = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Starts <paramref name="host"/> and returns once its bus is healthy: every receive endpoint has
    /// declared and bound its queue. The host's start does not wait for that, and a message published
    /// to an exchange with nothing bound yet is dropped by the broker, so a command that publishes
    /// right after starting lost the first applications of a surge on a fresh virtual host (CI, 24
    /// Nov: 36 of 5,500, and the surge waited for them until it was stopped).
    /// </summary>
    /// <param name="readyWithin">
    /// How long the bus may take, at most <see cref="MaxReadyWait"/> (a broker that is not there is
    /// said within a minute); then the host is stopped and <see cref="BusNotReadyException"/> says so.
    /// </param>
    public static async Task StartReadyAsync(IHost host, TimeSpan? readyWithin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var wait = readyWithin is { } asked && asked < MaxReadyWait ? asked : MaxReadyWait;
        await host.StartAsync(cancellationToken);
        var health = await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, wait);
        if (health != BusHealthStatus.Healthy)
        {
            await host.StopAsync(CancellationToken.None);
            throw new BusNotReadyException(
                $"the engine's bus did not become healthy within {wait.TotalSeconds:0} s ({health}): is the broker reachable with the configured BacklogFlow:Messaging settings?");
        }
    }

    /// <summary>
    /// A long-running engine worker: the same engine, plus /health/live, /health/ready and /metrics
    /// on <see cref="ObservabilityOptions.Urls"/> for the orchestrator and the scraper.
    /// </summary>
    public static WebApplication BuildWorker(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.Sources.Clear();
        Configure(builder, overrides, EngineRole.Worker, configureBus: null, LogLevel.Information);
        builder.Services.AddBacklogFlowTelemetry(builder.Configuration);
        var urls = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>()?.Urls
            ?? new ObservabilityOptions().Urls;
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var app = builder.Build();
        app.MapBacklogFlowObservability();
        return app;
    }

    private static void Configure(
        IHostApplicationBuilder builder,
        IReadOnlyDictionary<string, string?> overrides,
        EngineRole role,
        Action<IBusRegistrationConfigurator>? configureBus,
        LogLevel logLevel)
    {
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .SetMinimumLevel(logLevel)

            // One line per SQL command drowns a worker's log; EF Core's warnings and errors stay.
            .AddFilter("Microsoft.EntityFrameworkCore", level => level >= LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddBacklogFlowEngine(builder.Configuration, configureBus, consumeIntake: role == EngineRole.Worker);
    }
}

/// <summary>The engine's bus did not become ready (<see cref="EngineHost.StartReadyAsync"/>); the message says what to check.</summary>
internal sealed class BusNotReadyException(string message) : Exception(message);
