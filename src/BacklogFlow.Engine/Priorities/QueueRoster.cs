using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The queues as a claim sees them: which run and with what weight. Read from a snapshot at most
/// <see cref="MaxAge"/> old, so a claim does not ask the database for settings that change a few
/// times a day; a change in this process applies at once, in another within MaxAge.
/// </summary>
public sealed class QueueRoster
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly WorkflowCatalog _catalog;
    private readonly PeriodicSnapshot<IReadOnlyDictionary<string, QueueState>> _states;

    public QueueRoster(IServiceScopeFactory scopes, WorkflowCatalog catalog, TimeProvider time)
    {
        _catalog = catalog;
        _states = new(scopes, time, MaxAge, async (db, cancellationToken) =>
            await db.QueueStates.AsNoTracking().ToDictionaryAsync(q => q.Queue, StringComparer.Ordinal, cancellationToken));
    }

    /// <summary>The queues of <paramref name="queues"/> that the definitions declare and that are not paused, with their weights in force.</summary>
    public async Task<IReadOnlyList<QueueWeight>> RunningAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var states = await _states.CurrentAsync(cancellationToken);
        return [.. QueueSetting.All(_catalog, states)
            .Where(q => !q.Paused && queues.Contains(q.Queue, StringComparer.Ordinal))
            .Select(q => new QueueWeight(q.Queue, q.Weight))];
    }

    public void Invalidate() => _states.Invalidate();
}
