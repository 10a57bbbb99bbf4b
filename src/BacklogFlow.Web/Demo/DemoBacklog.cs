using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Outages;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Simulation;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Web.Demo;

/// <summary>
/// With <c>--demo</c> only: a post-outage backlog, seeded once into an empty database, so a newcomer
/// sees live queues within a minute. It registers the outage the backlog follows and publishes the
/// applications on the bus as the legacy system would (<see cref="SyntheticSurge"/>, without defects
/// or resends), so intake validates, screens, routes and decides each one: nothing is written by
/// hand. It runs in the background once the host has started, so the API is up meanwhile.
/// </summary>
internal sealed partial class DemoBacklog(
    IServiceScopeFactory scopes, IBusControl bus, DemoOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<DemoBacklog> logger)
    : BackgroundService
{
    public const string SourceSystem = "demo-legacy";

    /// <summary>Who registers the demo's outage in the audit log: the seeding, not a person.</summary>
    public const string AuditActor = "demo-backlog";

    /// <summary>Applications published at once; the bus takes them faster than intake commits them.</summary>
    private const int PublishBatch = 250;

    private readonly TaskCompletionSource<int> _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many applications were published: 0 when the database already had cases.</summary>
    public Task<int> Published => _published.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            _published.TrySetResult(await SeedAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _published.TrySetCanceled(stoppingToken);
        }
#pragma warning disable CA1031 // A failed demo backlog is logged; it must not stop the host serving the API.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
            _published.TrySetException(exception);
        }
    }

    /// <summary>Seeds the backlog unless the database already has cases; how many applications were published.</summary>
    internal async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        if (options.Applications == 0 || await db.Cases.AnyAsync(cancellationToken))
        {
            LogSkipped(logger);
            return 0;
        }

        var now = time.GetUtcNow();
        var firstReceipt = LegalTime.ToLegalDate(now).AddDays(-options.BacklogDays);
        var products = scope.ServiceProvider.GetRequiredService<WorkflowCatalog>().Products.ToList();
        await scope.ServiceProvider.GetRequiredService<OutageRegistry>().RegisterAsync(
            firstReceipt.AddDays(-14), firstReceipt.AddDays(-1), products, catchUpDays: 14,
            "Demo: the two-week outage the backlog follows", AuditActor, cancellationToken);

        var messages = SyntheticSurge.Generate(new SurgeSpecification(
            options.Applications, DuplicateFraction: 0, InvalidFraction: 0, ConflictFraction: 0, options.Seed, SourceSystem, now,
            ReceivedWithin: TimeSpan.FromDays(options.BacklogDays)));
        foreach (var batch in messages.Chunk(PublishBatch))
        {
            await Task.WhenAll(batch.Select(m => bus.Publish(m.Message, cancellationToken)));
        }

        LogSeeded(logger, messages.Count, options.BacklogDays, IsoDate(firstReceipt.AddDays(-14)), IsoDate(firstReceipt.AddDays(-1)));
        return messages.Count;
    }

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Until the host has started and its bus is healthy: the host's start does not wait for the
    /// receive endpoints, and what is published before intake's queue is bound is dropped.
    /// </summary>
    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Demo mode: published a backlog of {Count} applications received over the last {Days} days, after an outage registered from {OutageStart} to {OutageEnd}; intake is working it off.")]
    private static partial void LogSeeded(ILogger logger, int count, int days, string outageStart, string outageEnd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: no demo backlog seeded (the database already has cases, or BacklogFlow:Demo:Applications is 0).")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo mode: seeding the demo backlog failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
