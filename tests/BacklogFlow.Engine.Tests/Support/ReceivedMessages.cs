using BacklogFlow.Testing;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>
/// What a subscriber to <typeparamref name="T"/> (the legacy system, in these tests) received, with
/// a wait for the n-th message that is woken by the message itself, never by a clock.
/// </summary>
public sealed class ReceivedMessages<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<T> _messages = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

    public IReadOnlyList<T> Snapshot
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public async Task<IReadOnlyList<T>> WaitForAsync(int count, CancellationToken cancellationToken)
    {
        Task reached;
        lock (_gate)
        {
            if (_messages.Count >= count)
            {
                return [.. _messages];
            }

            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, source));
            reached = source.Task;
        }

        await reached.WaitAsync(TestWaits.Limit, cancellationToken);
        return Snapshot;
    }

    internal void Add(T message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Count <= _messages.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
