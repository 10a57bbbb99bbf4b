using BacklogFlow.Engine.Persistence;
using BacklogFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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

    /// <summary>
    /// A database administrator may apply the migrations as the SQL script EF Core generates
    /// (<c>dotnet ef migrations script</c>) instead of letting the engine migrate: the whole script
    /// must run as one, each statement ended (a statement of our own without its semicolon ran into
    /// the next one and the script failed on PostgreSQL).
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task MigrationScript_RunAsOneOnAnEmptyDatabase_EveryMigrationApplied(DatabaseProvider provider)
    {
        var directory = Directory.CreateTempSubdirectory("bf-script-");
        var database = provider == DatabaseProvider.PostgreSql
            ? await PostgreSqlTestDatabases.CreateEmptyAsync(Cancel)
            : $"Data Source={Path.Combine(directory.FullName, "script.db")};Pooling=false";
        try
        {
            await using var engine = Engine(database, provider);
            await using var scope = engine.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
            var script = db.GetService<IMigrator>().GenerateScript();

            await db.Database.OpenConnectionAsync(Cancel);
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = script;
                await command.ExecuteNonQueryAsync(Cancel);
            }

            await db.Database.CloseConnectionAsync();
            (await db.Database.GetAppliedMigrationsAsync(Cancel)).Should().Equal(db.Database.GetMigrations());
        }
        finally
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                await PostgreSqlTestDatabases.DropAsync(database);
            }

            directory.Delete(recursive: true);
        }
    }

    private static ServiceProvider Engine(string connectionString, DatabaseProvider provider = DatabaseProvider.PostgreSql)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = provider.ToString(),
            [$"{DatabaseOptions.Section}:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBacklogFlowEngineCore(configuration);
        return services.BuildServiceProvider();
    }
}
