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

    /// <summary>Every declared queue that is not paused, with its weight in force: worked out once per snapshot, not per claim.</summary>
    private readonly PeriodicSnapshot<IReadOnlyList<QueueWeight>> _running;

    public QueueRoster(IServiceScopeFactory scopes, WorkflowCatalog catalog, TimeProvider time)
    {
        _running = new(scopes, time, MaxAge, async (db, cancellationToken) =>
        {
            var states = await db.QueueStates.AsNoTracking().ToDictionaryAsync(q => q.Queue, StringComparer.Ordinal, cancellationToken);
            return [.. QueueSetting.All(catalog, states).Where(q => !q.Paused).Select(q => new QueueWeight(q.Queue, q.Weight))];
        });
    }

    /// <summary>The queues of <paramref name="queues"/> that the definitions declare and that are not paused, with their weights in force.</summary>
    public async Task<IReadOnlyList<QueueWeight>> RunningAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var running = await _running.CurrentAsync(cancellationToken);
        var asked = new List<QueueWeight>(running.Count);
        foreach (var queue in running)
        {
            if (queues.Contains(queue.Queue, StringComparer.Ordinal))
            {
                asked.Add(queue);
            }
        }

        return asked;
    }

    public void Invalidate() => _running.Invalidate();
}
