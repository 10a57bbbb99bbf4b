using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BacklogFlow.Engine.Observability;

/// <summary>
/// Traces, metrics and health for every engine host. Traces: MassTransit (publish, receive,
/// consume), ASP.NET Core requests and Npgsql commands. Metrics: the engine's own
/// (<see cref="EngineMetrics"/>), MassTransit's, ASP.NET Core's, EF Core's, Npgsql's and the
/// runtime's, scraped in Prometheus format at /metrics. Traces and metrics also go to an OTLP
/// collector when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard variable). Health: /health/live
/// answers while the process runs; /health/ready checks the database and the bus.
/// </summary>
public static class TelemetrySetup
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddBacklogFlowTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ObservabilityOptions>()
            .Bind(configuration.GetSection(ObservabilityOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var serviceName = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>()?.ServiceName
            ?? new ObservabilityOptions().ServiceName;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        // MassTransit adds its bus check (tagged "ready") to these health checks by itself.
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(DiagnosticHeaders.DefaultListenerName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsObservabilityPath(context.Request.Path))
                    .AddNpgsql();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(EngineMetrics.MeterName, InstrumentationOptions.MeterName, "Microsoft.EntityFrameworkCore")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>
    /// /health/live, /health/ready and /metrics. They are for the orchestrator and the scraper, not
    /// for people, and show no case data: no sign-in, where every other endpoint needs one.
    /// </summary>
    public static IEndpointRouteBuilder MapBacklogFlowObservability(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return endpoints;
    }

    private static bool IsObservabilityPath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);
}
