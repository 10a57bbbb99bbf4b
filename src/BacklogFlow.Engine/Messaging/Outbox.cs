using System.Text.Json;
using BacklogFlow.Contracts;
using BacklogFlow.Engine.Persistence;

namespace BacklogFlow.Engine.Messaging;

/// <summary>Writes contract messages into the outbox table and reads them back for publishing.</summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Enqueue<TMessage>(this BacklogFlowDbContext db, TMessage message, DateTimeOffset now)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(db);
        db.OutboxMessages.Add(Message(message, now));
    }

    /// <summary>
    /// Inserts outbox rows set-based (<see cref="SetBasedInsert"/>) in the context's open transaction;
    /// the dispatcher is woken when that transaction commits, by the interceptor that wakes it for
    /// rows saved through the change tracker.
    /// </summary>
    public static async Task EnqueueSetBasedAsync(this BacklogFlowDbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await db.InsertAsync(messages, cancellationToken);
        if (messages.Count > 0)
        {
            OutboxCommitInterceptor.Of(db)?.AddedInTransaction(db);
        }
    }

    /// <summary>The outbox row for a message, for writers that insert rows themselves (<see cref="EnqueueSetBasedAsync"/>).</summary>
    public static OutboxMessage Message<TMessage>(TMessage message, DateTimeOffset now)
        where TMessage : class => new()
        {
            MessageType = typeof(TMessage).FullName!,
            Payload = JsonSerializer.Serialize(message, Json),
            CreatedAt = now,
        };

    /// <summary>Only contract types are ever stored, so only they are resolved.</summary>
    public static (object Message, Type Type) Read(OutboxMessage stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var type = typeof(ApplicationDecided).Assembly.GetType(stored.MessageType, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(stored.Payload, type, Json)
            ?? throw new InvalidOperationException($"Outbox message {stored.Id} has an empty payload.");
        return (message, type);
    }
}
