using BacklogFlow.Engine;
using MassTransit;
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
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides);
        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .SetMinimumLevel(logLevel)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddBacklogFlowEngine(builder.Configuration, configureBus, consumeIntake: role == EngineRole.Worker);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }
}
