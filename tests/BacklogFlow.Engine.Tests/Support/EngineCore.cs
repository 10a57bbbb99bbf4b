using BacklogFlow.Engine.Persistence;
using BacklogFlow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>
/// The engine's core services (persistence, outbox, domain; no bus, no hosted services) on a fresh
/// database, for tests that drive one piece directly; <see cref="EngineTestHost"/> runs the whole engine.
/// </summary>
public sealed class EngineCore : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly string? _postgreSql;

    private EngineCore(ServiceProvider services, DirectoryInfo directory, string? postgreSql)
    {
        Services = services;
        _directory = directory;
        _postgreSql = postgreSql;
    }

    public ServiceProvider Services { get; }

    public static async Task<EngineCore> StartAsync(TestDatabase database, TimeProvider time)
    {
        var cancel = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("backlogflow-core-");
        var postgreSql = database == TestDatabase.PostgreSql ? await PostgreSqlTestDatabases.CreateAsync(cancel) : null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = database.ToString(),
            [$"{DatabaseOptions.Section}:ConnectionString"] = postgreSql ?? $"Data Source={Path.Combine(directory.FullName, "engine.db")};Pooling=false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBacklogFlowEngineCore(configuration);
        services.AddSingleton(time);
        var provider = services.BuildServiceProvider();
        if (postgreSql is null)
        {
            // The PostgreSQL test database is a copy of a migrated template; the SQLite file is made here.
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().Database.EnsureCreatedAsync(cancel);
        }

        return new EngineCore(provider, directory, postgreSql);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _directory.Delete(recursive: true);
        if (_postgreSql is not null)
        {
            await PostgreSqlTestDatabases.DropAsync(_postgreSql);
        }
    }
}
