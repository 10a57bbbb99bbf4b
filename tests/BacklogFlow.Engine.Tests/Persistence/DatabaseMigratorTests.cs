using BacklogFlow.Engine.Persistence;
using BacklogFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Persistence;

public sealed class DatabaseMigratorTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrateAsync_ThreeProcessesAtOnceOnAnEmptyPostgreSqlDatabase_AllSucceedAndTheSchemaIsComplete()
    {
        var database = await PostgreSqlTestDatabases.CreateEmptyAsync(Cancel);
        try
        {
            // Three engines as three processes would be: each its own container and connections.
            var engines = Enumerable.Range(0, 3).Select(_ => Engine(database)).ToList();

            await Task.WhenAll(engines.Select(e => Task.Run(() => e.GetRequiredService<DatabaseMigrator>().MigrateAsync(Cancel), Cancel)));

            await using var scope = engines[0].CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
            (await db.Database.GetPendingMigrationsAsync(Cancel)).Should().BeEmpty();
            (await db.Database.GetAppliedMigrationsAsync(Cancel)).Should().Equal(db.Database.GetMigrations());
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
        finally
        {
            await PostgreSqlTestDatabases.DropAsync(database);
        }
    }

    private static ServiceProvider Engine(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = nameof(DatabaseProvider.PostgreSql),
            [$"{DatabaseOptions.Section}:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBacklogFlowEngineCore(configuration);
        return services.BuildServiceProvider();
    }
}
