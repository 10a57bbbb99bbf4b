using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Quarantine;

/// <summary>
/// What a supervisor does with quarantined messages: look at them, replay one through intake, or
/// discard one with a reason. A replay is durable before it returns: the message is written to the
/// outbox in the same transaction that marks the entry replayed, and published by whichever engine
/// process dispatches the outbox next. It goes out as a new message with the same content, so the
/// intake's inbox does not mistake it for a redelivery, and its idempotency key still holds: a
/// replay of an application that got in meanwhile is counted as a duplicate, never a second case.
/// </summary>
public sealed class QuarantineActions(BacklogFlowDbContext db, TimeProvider time)
{
    public const int MaxPageSize = 500;

    /// <summary>Entries newest first; only those still waiting for a supervisor unless <paramref name="includeResolved"/>.</summary>
    public async Task<IReadOnlyList<QuarantinedMessage>> ListAsync(
        string? reason, bool includeResolved, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var query = db.QuarantinedMessages.AsNoTracking();
        if (reason is not null)
        {
            query = query.Where(m => m.Reason == reason);
        }

        if (!includeResolved)
        {
            query = query.Where(m => m.ResolvedAt == null);
        }

        return await query
            .OrderByDescending(m => m.QuarantinedAt).ThenByDescending(m => m.Id)
            .Skip(skip).Take(Math.Min(take, MaxPageSize))
            .ToListAsync(cancellationToken);
    }

    public async Task<QuarantinedMessage?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.QuarantinedMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>Sends the kept message through intake again; refused when it cannot be an application.</summary>
    public async Task<QuarantinedMessage> ReplayAsync(Guid id, string supervisor, string? note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        var entry = await OpenEntryAsync(id, cancellationToken);
        var application = QuarantinedPayload.TryReadApplication(entry.Payload, out var problem)
            ?? throw new QuarantineActionException($"quarantined message {id} cannot be replayed: {problem}; discard it instead");
        var now = time.GetUtcNow();
        Resolve(entry, QuarantineResolutions.Replayed, supervisor, note, now);
        db.Enqueue(application, now);
        db.Audit(supervisor, AuditActions.QuarantineReplayed, AuditTrail.QuarantineSubject(id), new { entry.Reason }, new { resolution = entry.Resolution, note }, now);
        await SaveAsync(entry, cancellationToken);
        return entry;
    }

    /// <summary>Sets the message aside for good; the reason is required and kept.</summary>
    public async Task<QuarantinedMessage> DiscardAsync(Guid id, string supervisor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new QuarantineActionException("discarding a quarantined message needs a reason");
        }

        var entry = await OpenEntryAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        Resolve(entry, QuarantineResolutions.Discarded, supervisor, reason, now);
        db.Audit(supervisor, AuditActions.QuarantineDiscarded, AuditTrail.QuarantineSubject(id), new { entry.Reason }, new { resolution = entry.Resolution, reason }, now);
        await SaveAsync(entry, cancellationToken);
        return entry;
    }

    private async Task<QuarantinedMessage> OpenEntryAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var entry = await db.QuarantinedMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"quarantined message {id} does not exist");
        return entry.ResolvedAt is null
            ? entry
            : throw new QuarantineActionException(
                $"quarantined message {id} was already {entry.Resolution} by {entry.ResolvedBy} at {entry.ResolvedAt:u}");
    }

    private static void Resolve(QuarantinedMessage entry, string resolution, string supervisor, string? note, DateTimeOffset now)
    {
        entry.ResolvedAt = now;
        entry.Resolution = resolution;
        entry.ResolvedBy = supervisor.Length > 100 ? supervisor[..100] : supervisor;
        entry.ResolutionNote = note is { Length: > 2000 } ? note[..2000] : note;
        entry.Version++;
    }

    private async Task SaveAsync(QuarantinedMessage entry, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new QuarantineActionException($"quarantined message {entry.Id} was resolved by someone else meanwhile");
        }
    }
}
