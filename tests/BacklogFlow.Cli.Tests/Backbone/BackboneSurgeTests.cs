using BacklogFlow.Cli.Hosting;
using BacklogFlow.Cli.Surge;
using BacklogFlow.Cli.Tests.Support;
using BacklogFlow.Engine.Simulation;
using BacklogFlow.Testing;

namespace BacklogFlow.Cli.Tests.Backbone;

/// <summary>
/// The surge through RabbitMQ into PostgreSQL with separate engine worker processes, as production
/// runs it: nothing lost and nothing doubled when a worker is killed or the broker restarts.
/// </summary>
[Collection(SharedBrokerCollection.Name)]
public sealed class BackboneSurgeTests : IAsyncLifetime
{
    private string _database = "";
    private string _virtualHost = "";
    private Dictionary<string, string?> _settings = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await PostgreSqlTestDatabases.CreateAsync(Cancel);
        _virtualHost = await RabbitMqTestVirtualHosts.CreateAsync(Cancel);
        _settings = RabbitMqTestVirtualHosts.Settings(_virtualHost);
        _settings["BacklogFlow:Database:Provider"] = "PostgreSql";
        _settings["BacklogFlow:Database:ConnectionString"] = _database;
        _settings["BacklogFlow:Database:MigrateOnStartup"] = "false";

        // Several workers on one machine: each picks a free port for its health and metrics.
        _settings["BacklogFlow:Observability:Urls"] = "http://127.0.0.1:0";
    }

    public async ValueTask DisposeAsync()
    {
        await RabbitMqTestVirtualHosts.DeleteAsync(_virtualHost);
        await PostgreSqlTestDatabases.DropAsync(_database);
    }

    [Fact(Timeout = 480_000)] // bounded (the surge itself waits at most 5 minutes): a hang fails here, named
    public async Task Surge_TwoWorkersOneKilledMidSurge_EveryApplicationAccountedForOnce()
    {
        await using var first = await WorkerProcess.StartAsync(_settings, Cancel);
        await using var second = await WorkerProcess.StartAsync(_settings, Cancel);
        WorkerProcess? replacement = null;
        var killed = false;

        try
        {
            var result = await RunSurgeAsync(2000, async (done, total) =>
            {
                if (!killed && done >= total / 3)
                {
                    killed = true;
                    await first.KillAsync();
                    replacement = await WorkerProcess.StartAsync(_settings, Cancel);
                }
            });

            killed.Should().BeTrue("the worker was killed mid-surge");
            // The killed worker's messages come back after later ones (SurgeResult.DeliveryOrderKept).
            string.Join("; ", (result with { DeliveryOrderKept = false }).Discrepancies).Should().BeEmpty(second.Log);
            result.Account.Accepted.Should().Be(result.Specification.ValidCount, "nothing doubled: one case per application");
            await ExpectHealthAndMetricsAsync(second);
        }
        finally
        {
            // Also when an assertion failed: a worker left running outlives the test run (four did here).
            if (replacement is not null)
            {
                await replacement.DisposeAsync();
            }
        }
    }

    [Fact(Timeout = 480_000)] // bounded (the surge itself waits at most 5 minutes): a hang fails here, named
    public async Task Surge_BrokerRestartedMidSurge_EveryApplicationAccountedForOnce()
    {
        await using var worker = await WorkerProcess.StartAsync(_settings, Cancel);
        var restarted = false;

        var result = await RunSurgeAsync(1500, async (done, total) =>
        {
            if (!restarted && done >= total / 3)
            {
                restarted = true;
                await LocalServers.RestartRabbitMqAsync(Cancel);
            }
        });

        restarted.Should().BeTrue("the broker was restarted mid-surge");
        // The messages held when the broker went down come back after later ones (SurgeResult.DeliveryOrderKept).
        string.Join("; ", (result with { DeliveryOrderKept = false }).Discrepancies).Should().BeEmpty(worker.Log);
        result.Account.Accepted.Should().Be(result.Specification.ValidCount);
    }

    /// <summary>What the orchestrator and the scraper see of a worker that took part in a surge.</summary>
    private static async Task ExpectHealthAndMetricsAsync(WorkerProcess worker)
    {
        worker.ObservabilityAddress.Should().NotBeNull(worker.Log);
        using var http = new HttpClient { BaseAddress = worker.ObservabilityAddress };

        (await http.GetStringAsync("/health/live", Cancel)).Should().Be("Healthy");
        using var ready = await http.GetAsync("/health/ready", Cancel);
        var report = await ready.Content.ReadAsStringAsync(Cancel);
        ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, report);
        report.Should().Contain("\"database\"").And.Contain("\"masstransit-bus\"").And.NotContain("Unhealthy");
        var metrics = await http.GetStringAsync("/metrics", Cancel);
        metrics.Should().Contain("backlogflow_intake_messages_total{").And.Contain("outcome=\"accepted\"");
        metrics.Should().Contain("messaging_masstransit_consume", "MassTransit's own metrics are exported too");
    }

    /// <summary>Publishes a surge with this process only publishing and accounting; the workers consume.</summary>
    private async Task<SurgeResult> RunSurgeAsync(int applications, Func<int, int, Task> onProgress)
    {
        var specification = new SurgeSpecification(applications, 0.2, 0.02, 0.01, Seed: 11, $"backbone-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>(_settings) { ["BacklogFlow:Database:MigrateOnStartup"] = "true" };
        var runner = new SurgeRunner(specification, settings, EngineRole.Publisher);
        var gate = new SemaphoreSlim(1, 1);
        var progress = new SynchronousProgress(async p =>
        {
            if (await gate.WaitAsync(0))
            {
                try
                {
                    await onProgress(p.Done, p.Total);
                }
                finally
                {
                    gate.Release();
                }
            }
        });
        return await runner.RunAsync(TimeSpan.FromMinutes(5), progress, Cancel);
    }

    /// <summary>Runs the callback on the reporting thread, so the surge waits while a worker is killed.</summary>
    private sealed class SynchronousProgress(Func<(int Done, int Total), Task> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value).GetAwaiter().GetResult();
    }
}
