using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BacklogFlow.Engine.Intake;

/// <summary>Logs the admission limits in force when the process starts, each warning as a warning.</summary>
public sealed partial class AdmissionLimitsReport(AdmissionLimits limits, ILogger<AdmissionLimitsReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogLimits(logger, limits.ToString());
        foreach (var warning in limits.Warnings)
        {
            LogWarning(logger, warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission: {Limits}")]
    private static partial void LogLimits(ILogger logger, string limits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission limit misconfigured? {Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
