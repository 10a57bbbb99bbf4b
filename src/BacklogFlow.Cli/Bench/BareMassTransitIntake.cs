using System.Diagnostics;
using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using MassTransit;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Intake baseline (a): a bare MassTransit bus on the same broker with the same durability (durable
/// queue, persistent messages, publisher confirms), prefetch and concurrency as the engine's intake,
/// publishing the same messages as the surge's publisher does (to the message type's exchange, bound
/// to the queue's) into a queue of its own whose consumer does nothing. What the engine adds on top
/// of this is its own work: validation, persistence, deadlines, screening, routing.
/// </summary>
internal static class BareMassTransitIntake
{
    /// <summary>
    /// The exchange this bus publishes <see cref="ApplicationSubmitted"/> to: the contract's own would
    /// also feed the engine's intake queues; the bench deletes it with the queue.
    /// </summary>
    public static string PublishExchange(string queue) => $"{queue}-published";

    public static async Task<IntakeRun> RunAsync(
        RabbitMqOptions rabbit, int concurrentMessageLimit, string queue, IReadOnlyList<ApplicationSubmitted> messages, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var consumed = 0;
        var allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(transport =>
        {
            transport.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, host =>
            {
                host.Username(rabbit.Username);
                host.Password(rabbit.Password);
                host.PublisherConfirmation = true;
            });
            transport.Message<ApplicationSubmitted>(m => m.SetEntityName(PublishExchange(queue)));
            transport.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.Durable = true;
                endpoint.PrefetchCount = rabbit.PrefetchCount;
                endpoint.ConcurrentMessageLimit = concurrentMessageLimit;
                endpoint.Handler<ApplicationSubmitted>(_ =>
                {
                    if (Interlocked.Increment(ref consumed) == messages.Count)
                    {
                        allConsumed.TrySetResult();
                    }

                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync(cancellationToken);
        try
        {
            // Messages published before the receive endpoint has bound its queue would be dropped.
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromMinutes(1));
            var started = Stopwatch.StartNew();
            foreach (var chunk in messages.Chunk(256))
            {
                await Task.WhenAll(chunk.Select(m => bus.Publish(m, cancellationToken)));
            }

            var timedOut = false;
            try
            {
                await allConsumed.Task.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                timedOut = true;
            }

            return new IntakeRun(messages.Count, Volatile.Read(ref consumed), started.Elapsed, timedOut);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }
}
