using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Which of the servers the benchmarks need are reachable with the configured settings, their
/// versions, and, for the ones that are not, what the bench needs in words. Nothing is started or
/// installed: a missing server means the benchmarks that need it are skipped and said so.
/// </summary>
internal sealed record BenchServers(string? PostgreSqlVersion, string? PostgreSqlProblem, string? RabbitMqVersion, string? RabbitMqProblem)
{
    private const string LocalHint =
        "locally: `bash deploy/local/start.sh` then `set -a; . deploy/local/.env.local; set +a`";

    /// <summary>AMQP's reply code when the broker refuses a virtual host (missing, or the user has no permission on it).</summary>
    private const int NotAllowed = 530;

    public bool HasPostgreSql => PostgreSqlProblem is null;

    public bool HasRabbitMq => RabbitMqProblem is null;

    public static async Task<BenchServers> ProbeAsync(BenchConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (pgVersion, pgProblem) = await ProbePostgreSqlAsync(configuration.Database, cancellationToken);
        var (rabbitVersion, rabbitProblem) = await ProbeRabbitMqAsync(configuration.Messaging, cancellationToken);
        return new BenchServers(pgVersion, pgProblem, rabbitVersion, rabbitProblem);
    }

    /// <summary>A connection factory for the configured broker, as the engine's bus would connect.</summary>
    public static ConnectionFactory RabbitMqConnectionFactory(RabbitMqOptions rabbit, string clientName)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        return new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
            ClientProvidedName = clientName,
        };
    }

    private static async Task<(string? Version, string? Problem)> ProbePostgreSqlAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return (null,
                "needs PostgreSQL, but the configured database is SQLite: set BacklogFlow__Database__Provider=PostgreSql and "
                + $"BacklogFlow__Database__ConnectionString (or --database postgres --connection-string ...); {LocalHint}");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT current_setting('server_version'), rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var version = reader.GetString(0);
            return reader.GetBoolean(1)
                ? (version, null)
                : (version, $"needs a PostgreSQL role that may CREATE DATABASE (the benchmarks seed scratch databases and drop them); {builder.Username} may not");
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException)
        {
            return (null, $"needs PostgreSQL at the configured BacklogFlow:Database:ConnectionString, which is unreachable ({ex.Message}); {LocalHint}");
        }
    }

    private static async Task<(string? Version, string? Problem)> ProbeRabbitMqAsync(MessagingOptions messaging, CancellationToken cancellationToken)
    {
        if (messaging.Transport != BusTransport.RabbitMq)
        {
            return (null,
                "needs RabbitMQ, but the configured transport is the in-memory bus: set BacklogFlow__Messaging__Transport=RabbitMq and "
                + $"BacklogFlow__Messaging__RabbitMq__* (or --transport rabbitmq); {LocalHint}");
        }

        var rabbit = messaging.RabbitMq;
        try
        {
            var factory = RabbitMqConnectionFactory(rabbit, "backlogflow-bench-probe");
            factory.RequestedConnectionTimeout = TimeSpan.FromSeconds(5);
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);

            // The broker accepts the connection and refuses the virtual host only when a channel
            // opens (530 NOT_ALLOWED): without this the intake benchmark crashed later on it.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var version = connection.ServerProperties is { } properties && properties.TryGetValue("version", out var raw) && raw is byte[] bytes
                ? System.Text.Encoding.UTF8.GetString(bytes)
                : "unknown";
            return (version, null);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == NotAllowed)
        {
            return (null,
                $"needs the RabbitMQ virtual host '{rabbit.VirtualHost}' at amqp://{rabbit.Host}:{rabbit.Port}, which refused {rabbit.Username} "
                + $"({ex.ShutdownReason.ReplyText}): create it and let the user in, e.g. `rabbitmqctl add_vhost {rabbit.VirtualHost} && "
                + $"rabbitmqctl set_permissions -p {rabbit.VirtualHost} {rabbit.Username} '.*' '.*' '.*'`");
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return (null,
                $"needs RabbitMQ at amqp://{rabbit.Host}:{rabbit.Port}/{rabbit.VirtualHost} as {rabbit.Username} (BacklogFlow:Messaging:RabbitMq), "
                + $"which is unreachable ({ex.GetBaseException().Message}); {LocalHint}");
        }
    }
}
