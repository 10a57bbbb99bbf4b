using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BacklogFlow.Testing;

/// <summary>
/// One fresh PostgreSQL database per test, copied from a template that was migrated once per run,
/// so every test starts from the real schema in milliseconds and tests never see each other's rows.
/// </summary>
public static class PostgreSqlTestDatabases
{
    /// <summary>Where the server is: BACKLOGFLOW_TEST_POSTGRES, else what deploy/local provisions.</summary>
    public static readonly string ServerConnectionString =
        Environment.GetEnvironmentVariable("BACKLOGFLOW_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=backlogflow;Password=backlogflow-dev-password;Database=postgres;Pooling=false";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    public static async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        var template = await TemplateAsync(cancellationToken);
        var name = $"bf_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>A database with no schema at all, for tests of the migrations themselves.</summary>
    public static async Task<string> CreateEmptyAsync(CancellationToken cancellationToken)
    {
        await LocalServers.EnsureStartedAsync(cancellationToken);
        var name = $"bf_empty_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Drops a test's database. Our own connections are closed first; WITH (FORCE) ends any left
    /// over. It cannot end an autovacuum worker (that needs pg_signal_backend, which the test role
    /// rightly lacks) and then fails with 42501, as it may when the database is still in use (55006):
    /// the drop is then retried quietly when the test process exits, and the test is not failed for
    /// its cleanup.
    /// </summary>
    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(name);
        }
    }

    private static async Task<string> TemplateAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            await LocalServers.EnsureStartedAsync(cancellationToken);
            var name = $"bf_template_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
            await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
            var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionStringFor(name) };
            await using (var db = new BacklogFlowDbContext(
                (DbContextOptions<BacklogFlowDbContext>)DatabaseRegistration.Configure(new DbContextOptionsBuilder<BacklogFlowDbContext>(), options).Options))
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(name);
            _template = name;
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The most connections one test's database gets from one process. The test projects run at
    /// once against one server whose default max_connections is 100 (97 for our role): a test of 64
    /// concurrent claimers held 64 idle connections while the Cli tests' benches held theirs, and
    /// another test's next connection was refused (53300). Sixteen still lets the claim tests' SKIP
    /// LOCKED races run 16 sessions deep, more than this machine's two cores execute at once.
    /// </summary>
    private const int MaxPoolSizePerDatabase = 16;

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true, MaxPoolSize = MaxPoolSizePerDatabase }.ConnectionString;

    private static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void DropQuietly(string name)
    {
        try
        {
            ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at process exit; a leftover test database is harmless.
        }
    }
}
