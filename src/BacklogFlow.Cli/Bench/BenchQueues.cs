using BacklogFlow.Engine.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BacklogFlow.Cli.Bench;

/// <summary>Looks for, keeps a ledger of and removes the queues the intake benchmark declares on the broker, with the engine's broker settings.</summary>
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

    /// <summary>
    /// Runs <paramref name="run"/> with <paramref name="names"/> noted in the ledger of queues in use,
    /// and deletes them afterwards whatever happened. A run stopped midway (killed, timed out) leaves
    /// its queues on the broker, still bound to the message type's exchange: each later run's
    /// applications were copied into them and kept, durable, by a broker that spent its CPU on them
    /// (found 24 Nov: four such queues held 1.2 million messages and took 80 % of a core during a
    /// run, slowing the engine's figure and not the baselines'). The next run deletes what the ledger
    /// still holds (<see cref="DeleteLeftoversAsync"/>).
    /// </summary>
    public static async Task<T> UsingAsync<T>(RabbitMqOptions rabbit, IReadOnlyCollection<string> names, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await File.AppendAllLinesAsync(LedgerOf(rabbit), names);
        try
        {
            return await run();
        }
        finally
        {
            await DeleteAsync(rabbit, names);
        }
    }

    /// <summary>Deletes the queues an earlier run noted and did not delete (it was stopped); returns their names.</summary>
    public static async Task<IReadOnlyList<string>> DeleteLeftoversAsync(RabbitMqOptions rabbit)
    {
        var ledger = LedgerOf(rabbit);
        if (!File.Exists(ledger))
        {
            return [];
        }

        var leftovers = (await File.ReadAllLinesAsync(ledger)).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        await DeleteAsync(rabbit, leftovers);
        return leftovers;
    }

    /// <summary>Deletes the queues (and MassTransit's exchanges of the same names) and crosses them out of the ledger; missing ones are no error.</summary>
    private static async Task DeleteAsync(RabbitMqOptions rabbit, IReadOnlyCollection<string> names)
    {
        await using (var connection = await BenchServers.RabbitMqConnectionFactory(rabbit, "backlogflow-bench").CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            foreach (var name in names)
            {
                await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
                await channel.ExchangeDeleteAsync(name, ifUnused: false);
            }
        }

        var ledger = LedgerOf(rabbit);
        if (File.Exists(ledger))
        {
            var deleted = names.ToHashSet(StringComparer.Ordinal);
            await File.WriteAllLinesAsync(ledger, (await File.ReadAllLinesAsync(ledger)).Where(n => n.Length > 0 && !deleted.Contains(n)));
        }
    }

    /// <summary>One ledger per broker and virtual host, in the temporary folder.</summary>
    private static string LedgerOf(RabbitMqOptions rabbit)
    {
        var key = string.Concat($"{rabbit.Host}-{rabbit.Port}-{rabbit.VirtualHost}".Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));
        return Path.Combine(Path.GetTempPath(), $"backlogflow-bench-queues-{key}.txt");
    }

    /// <summary>An intake queue and the error and skipped queues MassTransit may have made beside it.</summary>
    public static IReadOnlyCollection<string> WithSideQueues(string queue) => [queue, $"{queue}_error", $"{queue}_skipped"];
}
