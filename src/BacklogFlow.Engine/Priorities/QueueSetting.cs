using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Engine.Priorities;

/// <summary>A review queue as a supervisor sees it: the definition's facts and the settings in force.</summary>
public sealed record QueueSetting(
    string Queue,
    string Product,
    string Description,
    bool Paused,
    int Weight,
    int DeclaredWeight,
    string? ChangedBy,
    DateTimeOffset? ChangedAt,
    int Version)
{
    /// <summary>The one rule for what is in force: the supervisor's setting where there is one, else the definition's.</summary>
    public static QueueSetting Of(string product, ReviewQueue queue, QueueState? state)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return new(queue.Name, product, queue.Description, state?.Paused ?? false, state?.Weight ?? queue.Weight, queue.Weight,
            state?.ChangedBy, state?.ChangedAt, state?.Version ?? 0);
    }

    /// <summary>Every queue the definitions declare, with the stored settings in force.</summary>
    public static IEnumerable<QueueSetting> All(WorkflowCatalog catalog, IReadOnlyDictionary<string, QueueState> stored)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stored);
        return catalog.Definitions.SelectMany(d => d.Queues.Select(q => Of(d.Product, q, stored.GetValueOrDefault(q.Name))));
    }
}
