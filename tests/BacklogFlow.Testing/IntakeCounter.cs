using System.Diagnostics.Metrics;
using BacklogFlow.Engine.Observability;

namespace BacklogFlow.Testing;

/// <summary>
/// Listens to this host's <c>backlogflow.intake.messages</c> counter (only this host's: the meter's
/// scope is its meter factory), so a test awaits an outcome the engine reports after its commit,
/// such as a message quarantined by the fault observer, instead of polling the database.
/// </summary>
public sealed class IntakeCounter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, int> _byOutcome = new(StringComparer.Ordinal);
    private readonly List<(string Outcome, int Count, TaskCompletionSource Reached)> _waiters = [];

    public IntakeCounter(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == EngineMetrics.IntakeMessagesName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome" && tag.Value is string outcome)
                {
                    Add(outcome, (int)value);
                }
            }
        });
        _listener.Start();
    }

    public int this[string outcome]
    {
        get
        {
            lock (_gate)
            {
                return _byOutcome.GetValueOrDefault(outcome);
            }
        }
    }

    public Task WaitForAsync(string outcome, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byOutcome.GetValueOrDefault(outcome) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((outcome, count, reached));

            // An upper bound, not a pause: a lost message fails the test instead of hanging the run.
            return reached.Task.WaitAsync(TestWaits.Limit, cancellationToken);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string outcome, int value)
    {
        lock (_gate)
        {
            var total = _byOutcome[outcome] = _byOutcome.GetValueOrDefault(outcome) + value;
            foreach (var waiter in _waiters.Where(w => w.Outcome == outcome && w.Count <= total).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
