using BacklogFlow.Cli.Hosting;
using BacklogFlow.Cli.Surge;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Declares the queues a surge run needs (the engine's intake queue and the legacy side's reply
/// queues, bound to their exchanges) by starting the same engine once until its bus is healthy, then
/// stopping it. The host does not wait for its receive endpoints before it returns from start, so
/// on a fresh virtual host or a new queue name the first publishes could reach an exchange with
/// nothing bound yet and be dropped; a real engine's queues exist before the legacy system sends.
/// Untimed.
/// </summary>
internal static class IntakeTopology
{
    public static async Task DeclareAsync(IReadOnlyDictionary<string, string?> configuration, CancellationToken cancellationToken)
    {
        using var host = EngineHost.Build(
            configuration,
            EngineRole.Worker,
            services => services.AddSingleton(new LegacyReplies("bench-topology")),
            bus =>
            {
                // The same endpoints SurgeRunner consumes replies on.
                bus.AddConsumer<LegacyReplies.DecidedConsumer>().Endpoint(e => e.Name = "legacy.surge-decisions");
                bus.AddConsumer<LegacyReplies.RejectedConsumer>().Endpoint(e => e.Name = "legacy.surge-rejections");
            });
        await host.StartAsync(cancellationToken);
        try
        {
            var bus = host.Services.GetRequiredService<IBusControl>();
            var health = await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromMinutes(1));
            if (health != BusHealthStatus.Healthy)
            {
                throw new InvalidOperationException($"the engine's bus did not become healthy within a minute ({health}); the intake queues are not declared");
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
