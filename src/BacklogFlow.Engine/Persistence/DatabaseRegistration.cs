using BacklogFlow.Engine.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Persistence;

/// <summary>The one place where the configured provider turns into a DbContext configuration.</summary>
public static class DatabaseRegistration
{
    /// <summary>Each provider's migrations live in their own assembly, which the host references.</summary>
    public const string SqliteMigrationsAssembly = "BacklogFlow.Migrations.Sqlite";

    public const string PostgreSqlMigrationsAssembly = "BacklogFlow.Migrations.PostgreSql";

    public static IServiceCollection AddBacklogFlowDatabase(this IServiceCollection services)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.AddDbContext<BacklogFlowDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            Configure(db, options);
            db.AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>());
        });
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => db.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.PostgreSql => db.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
            _ => throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions), [$"unknown provider {options.Provider}"]),
        };
    }
}
