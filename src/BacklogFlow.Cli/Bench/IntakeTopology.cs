using BacklogFlow.Cli.Hosting;
using BacklogFlow.Cli.Surge;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Declares the queues a surge run needs (the engine's intake queue and the legacy side's reply
/// queues, bound to their exchanges) by starting the same engine once until its bus is healthy
/// (<see cref="EngineHost.StartReadyAsync"/>), then stopping it, so that the bench's publisher finds
/// them bound whichever process consumes (the worker process is started later). Untimed.
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
        await EngineHost.StartReadyAsync(host, readyWithin: null, cancellationToken);
        await host.StopAsync(CancellationToken.None);
    }
}
