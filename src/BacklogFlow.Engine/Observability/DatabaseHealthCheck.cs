using BacklogFlow.Engine.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BacklogFlow.Engine.Observability;

/// <summary>Ready only when the database answers: an engine that cannot commit must not take messages.</summary>
internal sealed class DatabaseHealthCheck(BacklogFlowDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName} answers")
                : HealthCheckResult.Unhealthy($"{db.Database.ProviderName} does not answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{db.Database.ProviderName} does not answer: {ex.GetType().Name}", ex);
        }
    }
}
