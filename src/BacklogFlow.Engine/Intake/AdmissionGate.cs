using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// The admission limit as a token bucket on the injected clock: up to
/// <see cref="IntakeOptions.AdmissionPerSecond"/> messages a second, a second's worth at most in a
/// burst. A message over the limit waits here, unacknowledged, and gives up its wait when its
/// consume is cancelled (the broker then delivers it again). MassTransit's own rate-limit filter
/// stalled intake for good after a broker restart; this one holds nothing across a reconnect.
/// </summary>
public sealed class AdmissionGate(IOptions<IntakeOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly double _perSecond = options.Value.AdmissionPerSecond;
    private double _tokens = options.Value.AdmissionPerSecond;
    private long _refilledAt = time.GetTimestamp();

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(_perSecond, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
                _refilledAt = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
