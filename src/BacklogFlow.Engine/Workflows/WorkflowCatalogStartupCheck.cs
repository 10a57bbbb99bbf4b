using BacklogFlow.Domain.Workflows;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BacklogFlow.Engine.Workflows;

/// <summary>
/// Loads the workflow definitions before anything else starts, so a broken file stops startup with
/// its file, line and problem instead of failing on the first message.
/// </summary>
internal sealed partial class WorkflowCatalogStartupCheck(WorkflowCatalog catalog, ILogger<WorkflowCatalogStartupCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogLoaded(logger, catalog.Definitions.Count, string.Join(", ", catalog.Products));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} workflow definitions: {Products}")]
    private static partial void LogLoaded(ILogger logger, int count, string products);
}
