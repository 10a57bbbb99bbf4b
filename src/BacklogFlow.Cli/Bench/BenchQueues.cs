using BacklogFlow.Engine.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BacklogFlow.Cli.Bench;

/// <summary>Looks for and removes the queues the intake benchmark declares on the broker, with the engine's broker settings.</summary>
internal static class BenchQueues
{
    /// <summary>True when <paramref name="queue"/> exists on the configured virtual host.</summary>
    public static async Task<bool> ExistsAsync(RabbitMqOptions rabbit, string queue, CancellationToken cancellationToken)
    {
        await using var connection = await BenchServers.RabbitMqConnectionFactory(rabbit, "backlogflow-bench").CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    /// <summary>Deletes the queues (and MassTransit's exchanges of the same names); missing ones are no error.</summary>
    public static async Task DeleteAsync(RabbitMqOptions rabbit, IEnumerable<string> names)
    {
        await using var connection = await BenchServers.RabbitMqConnectionFactory(rabbit, "backlogflow-bench").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var name in names)
        {
            await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
            await channel.ExchangeDeleteAsync(name, ifUnused: false);
        }
    }

    /// <summary>An intake queue and the error and skipped queues MassTransit may have made beside it.</summary>
    public static IEnumerable<string> WithSideQueues(string queue) => [queue, $"{queue}_error", $"{queue}_skipped"];
}
