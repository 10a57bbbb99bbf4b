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

    /// <summary>The outbox row for a message, for writers that insert rows themselves (<see cref="SetBasedInsert"/>).</summary>
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
