using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// Shows the admission limits in force on /health/ready: healthy with the limits in words, degraded
/// (still ready: intake works, only slower or narrower than meant) when the limits warn.
/// </summary>
public sealed class AdmissionHealthCheck(AdmissionLimits limits) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["consumesIntake"] = limits.ConsumesIntake,
            ["perSecond"] = limits.PerSecond,
            ["concurrentMessageLimit"] = limits.ConcurrentMessageLimit,
            ["effectiveConcurrency"] = limits.EffectiveConcurrency,
        };
        if (limits.PrefetchCount is { } prefetch)
        {
            data["prefetchCount"] = prefetch;
        }

        return Task.FromResult(limits.Warnings.Count > 0
            ? HealthCheckResult.Degraded(limits.ToString(), data: data)
            : HealthCheckResult.Healthy(limits.ToString(), data));
    }
}
