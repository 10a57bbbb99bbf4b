using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using Npgsql;
using NpgsqlTypes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Intake baseline (b): the least a durable intake can be. RabbitMQ.Client (the version
/// MassTransit.RabbitMQ brings) publishes persistent messages with pipelined publisher confirms to a
/// durable queue of its own; a consumer with the engine's prefetch and concurrency inserts each
/// message with one INSERT ... ON CONFLICT DO NOTHING into a scratch table and then acknowledges it.
/// </summary>
internal static class RawRabbitIntake
{
    public const string Table = "bench_raw_intake";

    /// <summary>Connections the baseline's consumers share.</summary>
    private const int MaxConnections = 16;

    public static async Task<IntakeRun> RunAsync(
        RabbitMqOptions rabbit,
        int concurrentMessageLimit,
        string queue,
        string connectionString,
        IReadOnlyList<ApplicationSubmitted> messages,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        // As many connections as consumers at once would exceed PostgreSQL's max_connections (100)
        // at the engine's concurrency (128): the inserts wait for one of a bounded pool instead.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Min(concurrentMessageLimit, MaxConnections) };
        await using var dataSource = NpgsqlDataSource.Create(pooled.ConnectionString);
        await using (var create = dataSource.CreateCommand($"""CREATE TABLE IF NOT EXISTS {Table} ("MessageId" text PRIMARY KEY, "Body" jsonb NOT NULL)"""))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var factory = BenchServers.RabbitMqConnectionFactory(rabbit, "backlogflow-bench-raw");
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consuming = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: (ushort)concurrentMessageLimit),
            cancellationToken);
        await consuming.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
        await consuming.BasicQosAsync(0, (ushort)rabbit.PrefetchCount, global: false, cancellationToken);

        var inserted = 0;
        var allInserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                await using var insert = dataSource.CreateCommand($"""INSERT INTO {Table} ("MessageId", "Body") VALUES ($1, $2) ON CONFLICT DO NOTHING""");
                insert.Parameters.Add(new NpgsqlParameter { Value = delivery.BasicProperties.MessageId ?? "" });
                insert.Parameters.Add(new NpgsqlParameter { Value = Encoding.UTF8.GetString(delivery.Body.Span), NpgsqlDbType = NpgsqlDbType.Jsonb });
                await insert.ExecuteNonQueryAsync(cancellationToken);
                await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                // The client swallows a handler's exception and the message would stay unacknowledged
                // for good (a CI run waited 20 minutes for 9 of 200): say why, and have it delivered again.
                await Console.Error.WriteLineAsync($"bench: raw intake: {failure.GetType().Name}: {failure.Message}; delivered again");
                await consuming.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                return;
            }

            if (Interlocked.Increment(ref inserted) == messages.Count)
            {
                allInserted.TrySetResult();
            }
        };
        await consuming.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);

        await using var publishing = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var started = Stopwatch.StartNew();
        foreach (var chunk in messages.Chunk(256))
        {
            // Pipelined: a chunk's publishes are all on the wire before the first confirm is awaited.
            await Task.WhenAll(chunk.Select(m => publishing.BasicPublishAsync(
                exchange: "",
                routingKey: queue,
                mandatory: false,
                basicProperties: new BasicProperties { Persistent = true, ContentType = "application/json", MessageId = $"{m.SourceSystem}/{m.ApplicationId}" },
                body: JsonSerializer.SerializeToUtf8Bytes(m, JsonSerializerOptions.Web),
                cancellationToken: cancellationToken).AsTask()));
        }

        var timedOut = false;
        try
        {
            await allInserted.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            timedOut = true;
        }

        var elapsed = started.Elapsed;
        await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {Table}");
        var rows = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return new IntakeRun(messages.Count, rows, elapsed, timedOut);
    }
}
