using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The supervisor's switches on review queues: pause and resume, and the fair-share weight. A change
/// names the version it was made against (the ETag the supervisor saw), so two supervisors never
/// silently overwrite each other; it is audited in the same transaction.
/// </summary>
public sealed class QueueSettings(BacklogFlowDbContext db, WorkflowCatalog catalog, QueueRoster roster, TimeProvider time)
{
    /// <summary>The largest weight a supervisor may give; a queue's share is its weight over the sum of weights.</summary>
    public const int MaxWeight = 1000;

    /// <summary>Every queue the definitions declare, with its setting (a queue never touched is running at its declared weight, version 0).</summary>
    public async Task<IReadOnlyList<QueueSetting>> AllAsync(CancellationToken cancellationToken)
    {
        var stored = await db.QueueStates.AsNoTracking().ToDictionaryAsync(q => q.Queue, StringComparer.Ordinal, cancellationToken);
        return [.. QueueSetting.All(catalog, stored).OrderBy(q => q.Queue, StringComparer.Ordinal)];
    }

    public async Task<QueueSetting> GetAsync(string queue, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).SingleOrDefault(q => q.Queue == queue)
            ?? throw new KeyNotFoundException($"there is no review queue '{queue}' in the workflow definitions");

    /// <summary>
    /// Pauses or resumes a queue and/or sets its weight (null leaves that setting as it is); refused
    /// with <see cref="StaleSettingException"/> when it changed since <paramref name="expectedVersion"/>.
    /// </summary>
    public async Task<QueueSetting> ChangeAsync(
        string queue, bool? paused, int? weight, int expectedVersion, string supervisor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        if (weight is < 1 or > MaxWeight)
        {
            throw new RebalanceRefusedException($"a queue's weight is a whole number from 1 to {MaxWeight}, not {weight}");
        }

        var current = await GetAsync(queue, cancellationToken);
        if (current.Version != expectedVersion)
        {
            throw new StaleSettingException(
                $"queue '{queue}' was changed meanwhile (now version {current.Version}, you edited version {expectedVersion}); reload and try again");
        }

        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var state = expectedVersion == 0 ? new QueueState { Queue = queue } : await db.QueueStates.SingleAsync(q => q.Queue == queue, cancellationToken);
        if (expectedVersion == 0)
        {
            db.QueueStates.Add(state);
        }
        else
        {
            // The write checks the version the supervisor saw, not the one just read.
            db.Entry(state).Property(q => q.Version).OriginalValue = expectedVersion;
        }

        state.Paused = paused ?? state.Paused;
        state.Weight = weight ?? state.Weight;
        state.ChangedBy = supervisor;
        state.ChangedAt = now;
        state.Version = expectedVersion + 1;
        var changed = QueueSetting.Of(current.Product, catalog.Get(current.Product).Queues.Single(q => q.Name == queue), state);
        db.Audit(supervisor, AuditActions.QueueChanged, $"queue:{queue}",
            new { current.Paused, current.Weight, current.Version }, new { changed.Paused, changed.Weight, changed.Version }, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another supervisor's change won between our read and our write (a concurrency token
            // mismatch, or the same new row inserted twice).
            db.ChangeTracker.Clear();
            throw new StaleSettingException($"queue '{queue}' was changed meanwhile; reload and try again");
        }

        roster.Invalidate();
        return changed;
    }
}
