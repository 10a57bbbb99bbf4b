using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using BacklogFlow.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>
/// The real engine on a fresh SQLite file and the in-memory bus (wrapped by MassTransit's test
/// harness), with fake time. Same registrations as the production hosts.
/// </summary>
public sealed class EngineTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2021, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory;

    private readonly IReadOnlyDictionary<string, string?> _configuration;

    private EngineTestHost(IHost host, string directory, FakeTimeProvider time, IReadOnlyDictionary<string, string?> configuration)
    {
        Host = host;
        _directory = directory;
        Time = time;
        _configuration = configuration;
    }

    public IHost Host { get; }
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => Host.Services;
    public ITestHarness Harness => Host.Services.GetRequiredService<ITestHarness>();
    /// <summary>Awaits the engine having finished <paramref name="count"/> messages in all.</summary>
    public Task WaitForConsumedAsync(int count) =>
        Host.Services.GetRequiredService<ConsumedMessages>().WaitForAsync(count, TestContext.Current.CancellationToken);

    public ConsumedMessages Consumed => Host.Services.GetRequiredService<ConsumedMessages>();

    /// <summary>The engine's intake counter (backlogflow.intake.messages), as an operator sees it.</summary>
    public IntakeCounter Intake => Host.Services.GetRequiredService<IntakeCounter>();

    /// <summary>Decisions the legacy system received.</summary>
    public ReceivedMessages<ApplicationDecided> Decisions => Host.Services.GetRequiredService<ReceivedMessages<ApplicationDecided>>();

    /// <summary>Rejections the legacy system received.</summary>
    public ReceivedMessages<ApplicationRejected> Rejections => Host.Services.GetRequiredService<ReceivedMessages<ApplicationRejected>>();

    public WorkflowCatalog Catalog => Host.Services.GetRequiredService<WorkflowCatalog>();

    public static async Task<EngineTestHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IBusFactoryConfigurator>? configureTransport = null,
        TestDatabase database = TestDatabase.Sqlite,
        Action<IServiceCollection>? configureServices = null)
    {
        var directory = Directory.CreateTempSubdirectory("backlogflow-test-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = database.ToString(),

            // Tests drive the sweeper and the lease reaper themselves; in the background they would race them on fake time.
            ["BacklogFlow:DeadlineSweep:Enabled"] = "false",
            ["BacklogFlow:Review:LeaseReaperEnabled"] = "false",
        };
        if (settings?.ContainsKey($"{DatabaseOptions.Section}:ConnectionString") != true)
        {
            // A test that brings its own database gets none made here: nothing would drop it (the host drops the one in use).
            configuration[$"{DatabaseOptions.Section}:ConnectionString"] = database == TestDatabase.PostgreSql
                ? await PostgreSqlTestDatabases.CreateAsync(TestContext.Current.CancellationToken)
                : $"Data Source={Path.Combine(directory, "engine.db")}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var time = new FakeTimeProvider(Start);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddBacklogFlowEngineCore(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ConsumedMessages>();
        builder.Services.AddSingleton<ReceivedMessages<ApplicationDecided>>();
        builder.Services.AddSingleton<ReceivedMessages<ApplicationRejected>>();
        builder.Services.AddMassTransitTestHarness(bus => bus.ConfigureEngineBus(
            new MessagingOptions(),
            legacySide =>
            {
                legacySide.AddConsumer<RecordingConsumer<ApplicationDecided>>().Endpoint(e => e.Name = "legacy-decisions");
                legacySide.AddConsumer<RecordingConsumer<ApplicationRejected>>().Endpoint(e => e.Name = "legacy-rejections");
            },
            configureTransport));
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<ConsumedMessages>());
        builder.Services.AddSingleton<IntakeCounter>();
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        _ = host.Services.GetRequiredService<IntakeCounter>(); // listening before the first message
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            host.Dispose();
            await DeleteDatabaseAsync(configuration, directory);
            throw;
        }

        return new EngineTestHost(host, directory, time, configuration);
    }

    /// <summary>Runs <paramref name="action"/> with a fresh DbContext, as a request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<T> QueryAsync<T>(Func<BacklogFlowDbContext, Task<T>> query) =>
        InScopeAsync(sp => query(sp.GetRequiredService<BacklogFlowDbContext>()));

    /// <summary>Stores screened cases with a record straight into their review queues, for queue tests.</summary>
    public Task<List<ReviewTask>> SeedReviewTasksAsync(IEnumerable<ApplicationDetails> applications) =>
        QueryAsync(db => ReviewTaskSeeding.SeedAsync(db, Catalog, applications, Time.GetUtcNow(), TestContext.Current.CancellationToken));

    /// <summary>A case worker's "next task" from <paramref name="queues"/>, in a scope of its own.</summary>
    public Task<ReviewTask?> ClaimNextAsync(string worker, IReadOnlyCollection<string> queues) =>
        InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().ClaimNextAsync(worker, queues, TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        await DeleteDatabaseAsync(_configuration, _directory);
    }

    private static async Task DeleteDatabaseAsync(IReadOnlyDictionary<string, string?> configuration, string directory)
    {
        if (configuration[$"{DatabaseOptions.Section}:Provider"] == nameof(TestDatabase.PostgreSql))
        {
            await PostgreSqlTestDatabases.DropAsync(configuration[$"{DatabaseOptions.Section}:ConnectionString"]!);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
