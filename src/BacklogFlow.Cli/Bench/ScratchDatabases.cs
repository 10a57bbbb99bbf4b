using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Throw-away PostgreSQL databases on the configured server, so a benchmark's million rows never
/// land in the real backlog: a template is migrated once per bench run, every scratch database is a
/// copy of it (milliseconds), and all of them are dropped when the run ends.
/// </summary>
internal sealed class ScratchDatabases(string configuredConnectionString) : IAsyncDisposable
{
    private readonly string _runId = $"{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
    private readonly List<string> _created = [];
    private string? _template;

    /// <summary>A new database with the engine's current schema; its connection string.</summary>
    public async Task<string> CreateAsync(string purpose, CancellationToken cancellationToken)
    {
        var template = await TemplateAsync(cancellationToken);
        var name = $"bf_bench_{_runId}_{purpose}_{_created.Count}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", cancellationToken);
        _created.Add(name);
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in Enumerable.Reverse(_created))
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // Left behind (an autovacuum worker the role may not end): named bf_bench_*, harmless.
            }
        }
    }

    private async Task<string> TemplateAsync(CancellationToken cancellationToken)
    {
        if (_template is not null)
        {
            return _template;
        }

        var name = $"bf_bench_{_runId}_template";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        _created.Add(name);
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionStringFor(name) };
        var builder = DatabaseRegistration.Configure(new DbContextOptionsBuilder<BacklogFlowDbContext>(), options);
        await using (var db = new BacklogFlowDbContext((DbContextOptions<BacklogFlowDbContext>)builder.Options))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        // CREATE DATABASE ... TEMPLATE needs the template to have no connections, pooled ones included.
        NpgsqlConnection.ClearAllPools();
        _template = name;
        return name;
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(configuredConnectionString) { Database = database }.ConnectionString;

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        // Maintenance statements run from the server's own "postgres" database, never from a scratch one.
        var maintenance = new NpgsqlConnectionStringBuilder(configuredConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
