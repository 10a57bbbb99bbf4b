using BacklogFlow.Domain.Review;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The engine process's one <see cref="FairShare"/>, shared by every claimer in it. Each process
/// balances its own claims; with several, each holds the weights over its share of the work.
/// </summary>
public sealed class FairShares
{
    private readonly Lock _lock = new();
    private readonly FairShare _share = new();

    public string Next(IReadOnlyCollection<QueueWeight> candidates)
    {
        lock (_lock)
        {
            return _share.Next(candidates);
        }
    }

    /// <inheritdoc cref="FairShare.Turns"/>
    public IReadOnlyList<string> Turns(IEnumerable<QueueWeight> queues)
    {
        lock (_lock)
        {
            return _share.Turns(queues);
        }
    }

    /// <inheritdoc cref="FairShare.Served"/>
    public void Served(string served, IEnumerable<QueueWeight> others)
    {
        lock (_lock)
        {
            _share.Served(served, others);
        }
    }
}
