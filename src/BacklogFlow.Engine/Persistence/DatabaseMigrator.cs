using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// Applies the provider's migrations: on startup when <see cref="DatabaseOptions.MigrateOnStartup"/>
/// is set (registered before the bus, so no message is consumed into an old schema), and on demand
/// by `backlogflow migrate`.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options) : IHostedService
{
    /// <summary>The PostgreSQL advisory lock key migrations hold ("BFMG").</summary>
    private const long MigrationLockKey = 0x4246_4D47;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        if (db.Database.IsPostgreSql())
        {
            // Several processes starting at once (a migrate job beside workers that migrate on
            // startup) would each create the schema, and all but one fail halfway: they queue on a
            // session lock instead, and the later ones find nothing left to do.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers (queries, claims) run beside the intake's writes. It is
            // a property of the file, so it is set once here.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup ? MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
