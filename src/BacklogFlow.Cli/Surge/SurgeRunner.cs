using System.Diagnostics;
using BacklogFlow.Cli.Hosting;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Simulation;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BacklogFlow.Cli.Surge;

/// <summary>
/// Runs a surge: starts the engine, publishes the surge onto the bus as the legacy system would,
/// and waits until every message is accounted for and every reply came back, or the time is up.
/// </summary>
internal sealed class SurgeRunner(
    SurgeSpecification specification, IReadOnlyDictionary<string, string?> configuration, EngineRole role = EngineRole.Worker)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longest between two counts in the database while replies keep coming. A count reads every
    /// case of the surge (14 ms at 20,000), so counting every poll took a tenth of a core from the
    /// engine it measures; while replies arrive the surge is plainly not over yet.
    /// </summary>
    private static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(1);

    /// <param name="progress">Told (accounted for, total) as the engine works.</param>
    public async Task<SurgeResult> RunAsync(TimeSpan timeout, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var replies = new LegacyReplies(specification.SourceSystem);
        using var host = EngineHost.Build(
            configuration,
            role,
            services => services.AddSingleton(replies),
            bus =>
            {
                // The legacy system's own queues (its broker user may only create "legacy.*" queues).
                bus.AddConsumer<LegacyReplies.DecidedConsumer>().Endpoint(e => e.Name = "legacy.surge-decisions");
                bus.AddConsumer<LegacyReplies.RejectedConsumer>().Endpoint(e => e.Name = "legacy.surge-rejections");
            });
        await EngineHost.StartReadyAsync(host, timeout, cancellationToken);
        try
        {
            var messages = SyntheticSurge.Generate(specification);
            var stopwatch = Stopwatch.StartNew();
            var bus = host.Services.GetRequiredService<IBus>();
            foreach (var chunk in messages.Chunk(256))
            {
                await Task.WhenAll(chunk.Select(m => m.RawBody is { } body
                    ? bus.Publish(m.Message, context => context.Serializer = new RawBodySerializer(body), cancellationToken)
                    : bus.Publish(m.Message, cancellationToken)));
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            BacklogAccount? account = null;
            var settled = false;
            var lastCounted = TimeSpan.Zero;
            var repliesAtLastPoll = -1;
            while (true)
            {
                // Count when the replies stopped coming since the last poll (the surge may be over),
                // when time is up, or at least every CountInterval (progress).
                var repliesNow = replies.Decided + replies.Rejected;
                if (account is null || repliesNow == repliesAtLastPoll || deadline.IsCancellationRequested
                    || stopwatch.Elapsed - lastCounted >= CountInterval)
                {
                    account = await CountAsync(host, cancellationToken);
                    lastCounted = stopwatch.Elapsed;
                    progress?.Report((account.MessagesAccountedFor, specification.MessageCount));
                    settled = account.MessagesAccountedFor >= specification.MessageCount
                        && account.PendingOutboxMessages == 0
                        && replies.Decided >= account.DecidedAutomatically + account.DecidedAfterReview
                        && replies.Rejected >= account.Quarantined;
                }

                repliesAtLastPoll = repliesNow;
                if (settled || deadline.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    await Task.Delay(PollInterval, deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Time is up: one more count below decides.
                }
            }

            var elapsed = stopwatch.Elapsed;
            return new SurgeResult(specification, account, replies.Decided, replies.DecisionRepeats,
                replies.Rejected, replies.RejectionRepeats, elapsed, TimedOut: !settled);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<BacklogAccount> CountAsync(IHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BacklogAccountQuery>()
            .ForSourceAsync(specification.SourceSystem, cancellationToken);
    }
}
