using MassTransit;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>The legacy system's subscription to <typeparamref name="T"/>: records what arrives.</summary>
public sealed class RecordingConsumer<T>(ReceivedMessages<T> received) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
