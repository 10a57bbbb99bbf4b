using BacklogFlow.Contracts;
using BacklogFlow.Testing;
using MassTransit;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>
/// Counts applications the intake consumer finished, so a test awaits exactly the number it sent
/// instead of a clock or the harness's inactivity guess.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _count;
    private int _faults;

    /// <summary>Consume attempts that threw (each retry counts).</summary>
    public int Faults => Volatile.Read(ref _faults);

    public Task WaitForAsync(int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            // An upper bound, not a pause: a lost message fails the test instead of hanging the run.
            return reached.Task.WaitAsync(TestWaits.Limit, cancellationToken);
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is not ApplicationSubmitted)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            _count++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        Interlocked.Increment(ref _faults);
        return Task.CompletedTask;
    }
}
