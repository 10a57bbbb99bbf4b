using System.Collections.Concurrent;
using System.Data.Common;
using BacklogFlow.Engine.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

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
            DatabaseProvider.Sqlite => db.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(SqliteConnectionSettings.Instance),
            DatabaseProvider.PostgreSql => db.UseNpgsql(WithAutoPrepare(options.ConnectionString), npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
            _ => throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions), [$"unknown provider {options.Provider}"]),
        };
    }

    /// <summary>Statements Npgsql keeps prepared per connection unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on, unless it sets
    /// <c>Max Auto Prepare</c> itself (0 turns it off). The engine's hot statements (the one-statement
    /// claim, intake's writes) are the same text every time; planning the claim's CTE anew cost more
    /// than running it (measured with <c>bench claim</c>: one claimer's p50 2.5 ms unprepared, 1.2 ms
    /// prepared). A schema change invalidates prepared statements: Npgsql drops one that fails for it
    /// and prepares it again (the engine migrates before it serves).
    /// </summary>
    public static string WithAutoPrepare(string connectionString) =>
        AutoPrepared.GetOrAdd(connectionString, AddAutoPrepare);

    /// <summary>Configure runs for every DbContext (every claim's scope): parse a connection string once.</summary>
    private static readonly ConcurrentDictionary<string, string> AutoPrepared = new(StringComparer.Ordinal);

    /// <summary>
    /// The connection string with PostgreSQL planning every execution for the statement's values and
    /// the tables as they are now (<c>plan_cache_mode = force_custom_plan</c>), in a connection pool
    /// of its own: for intake, whose look-ups run on tables a surge grows from nothing. A prepared
    /// statement may get a generic plan after five executions, kept until its table is analysed
    /// again; made while the table was empty and already vacuumed (autovacuum does that to a freshly
    /// migrated database's tables, at a moment of its choosing), it is a sequential scan, and stays
    /// one as the surge fills the table. Measured (`bench intake`, 70,000 applications): intake's
    /// inbox look-up (<c>MessageId = ANY(…)</c>) then scanned <c>processed_messages</c> whole for
    /// every batch; in half the runs PostgreSQL took 0.46–0.56 ms of CPU per message instead of
    /// 0.15–0.17 and the surge 48–58 s instead of 38–42 s. Planned each time: 0.16–0.21 ms in every
    /// run. The claim keeps its generic plan (planning it costs more than running it, see
    /// <see cref="WithAutoPrepare"/>).
    /// </summary>
    public static string WithCustomPlans(string connectionString) =>
        WithServerSetting(connectionString, "plan_cache_mode=force_custom_plan");

    /// <summary>
    /// The connection string with sequential scans priced out (<c>enable_seqscan = off</c>), in a
    /// connection pool of its own: for the claim, which keeps its generic plan (planning it costs
    /// more than running it) and must not keep one made on an empty table. Workers polling empty
    /// queues prepare the claim there; made on an empty, vacuumed <c>review_tasks</c> its probes are
    /// sequential scans, and with 70,000 tasks added one claim took 68 + 14 ms (psql, measured).
    /// Every part of the claim is served by an index, so this changes no plan but that one.
    /// </summary>
    public static string WithIndexScans(string connectionString) =>
        WithServerSetting(connectionString, "enable_seqscan=off");

    private static readonly ConcurrentDictionary<(string ConnectionString, string Setting), string> WithSettings = new();

    /// <summary>
    /// The connection string with one more server setting in its <c>Options</c> (unchanged when it is
    /// there already, so applying it twice gives the same pool); built once per pair.
    /// </summary>
    private static string WithServerSetting(string connectionString, string setting) =>
        WithSettings.GetOrAdd((connectionString, setting), key =>
        {
            var builder = new NpgsqlConnectionStringBuilder(key.ConnectionString);
            var option = $"-c {key.Setting}";
            if (builder.Options?.Contains(option, StringComparison.Ordinal) == true)
            {
                return key.ConnectionString;
            }

            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? option : $"{builder.Options} {option}";
            return builder.ConnectionString;
        });

    /// <summary>
    /// Points <paramref name="db"/> at <paramref name="variant"/> of its connection string (a pool
    /// with server settings of its own, e.g. <see cref="WithCustomPlans"/>) for the rest of its scope.
    /// PostgreSQL only, and only while its connection is closed: an open connection (a caller's
    /// transaction) keeps the settings it has.
    /// </summary>
    public static void UseConnectionVariant(this DbContext db, Func<string, string> variant)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(variant);
        if (db.Database.IsPostgreSql()
            && db.Database.GetDbConnection().State == System.Data.ConnectionState.Closed
            && db.Database.GetConnectionString() is { } connectionString)
        {
            db.Database.SetConnectionString(variant(connectionString));
        }
    }

    private static string AddAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.ConnectionString;
    }
}
