using BacklogFlow.Domain.Review;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The engine process's one <see cref="FairShare"/>, shared by every claimer in it. Each process
/// balances its own claims; with several, each holds the weights over its share of the work.
/// </summary>
/// <remarks>
/// A claim on PostgreSQL learns only in the database which queue it takes from. Counted when it came
/// back, claimers starting meanwhile all got the same turns and started at the same queue: with 16
/// claimers the weights 3 : 2 came out as 0.563 : 0.437. So a claim is counted when it begins, from
/// the queue it will most likely take from: the first in its turns of the queues whose last claim
/// was in the class served last (a claim serves the best class present, nearly always the class
/// served last); when it is back from another queue, or with nothing, the count is put right.
/// (Counting a claim in flight only for the order, and for fair share when it was back, still drifted
/// by up to 0.02: claims come back in another order than they began, and a queue's count then
/// lifted the others' passes out of turn.)
/// </remarks>
public sealed class FairShares
{
    private readonly Lock _lock = new();
    private readonly FairShare _share = new();

    /// <summary>The class of each queue's last claim through <see cref="EndClaim"/>.</summary>
    private readonly Dictionary<string, string> _lastClassOf = new(StringComparer.Ordinal);
    private string? _lastClass;

    public string Next(IReadOnlyCollection<QueueWeight> candidates)
    {
        lock (_lock)
        {
            return _share.Next(candidates);
        }
    }

    /// <summary>
    /// The turns for a claim among <paramref name="running"/> (<see cref="FairShare.Turns"/>), the
    /// claim counted served from the queue it is expected to take from (<see cref="ClaimTurns.Expected"/>),
    /// if any; <see cref="EndClaim"/> puts that right.
    /// </summary>
    public ClaimTurns BeginClaim(IReadOnlyCollection<QueueWeight> running)
    {
        ArgumentNullException.ThrowIfNull(running);
        lock (_lock)
        {
            var order = _share.Turns(running);
            var expected = _lastClass is null ? null : order.FirstOrDefault(queue => _lastClassOf.GetValueOrDefault(queue) == _lastClass);
            return new ClaimTurns(order, expected is null ? null : _share.Served(expected, running));
        }
    }

    /// <summary>
    /// The claim begun with <paramref name="turns"/> is back: it took a task of
    /// <paramref name="servedClass"/> from <paramref name="servedQueue"/> among
    /// <paramref name="running"/>, or nothing (both null).
    /// </summary>
    public void EndClaim(ClaimTurns turns, string? servedQueue, string? servedClass, IEnumerable<QueueWeight> running)
    {
        ArgumentNullException.ThrowIfNull(turns);
        lock (_lock)
        {
            if (servedQueue != turns.Expected)
            {
                if (turns.Counted is { } mistaken)
                {
                    _share.TakeBack(mistaken);
                }

                if (servedQueue is not null)
                {
                    _share.Served(servedQueue, running);
                }
            }

            if (servedQueue is null || servedClass is null)
            {
                return;
            }

            if (turns.Expected is { } passedBy && passedBy != servedQueue && _lastClassOf.GetValueOrDefault(passedBy) == servedClass
                && turns.Order.TakeWhile(queue => queue != servedQueue).Contains(passedBy))
            {
                // The claim walked past the expected queue in this class: it has no free task of it now.
                _lastClassOf.Remove(passedBy);
            }

            _lastClassOf[servedQueue] = servedClass;
            _lastClass = servedClass;
        }
    }
}

/// <summary>A claim's turns (<see cref="FairShare.Turns"/>), and its count from the queue it was expected to take from, if any.</summary>
public sealed record ClaimTurns(IReadOnlyList<string> Order, ServedCount? Counted)
{
    /// <summary>The queue the claim was counted served from when it began.</summary>
    public string? Expected => Counted?.Queue;
}
