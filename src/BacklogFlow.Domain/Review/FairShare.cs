namespace BacklogFlow.Domain.Review;

/// <summary>
/// Weighted fair share between review queues (stride scheduling), the lesson of the 2023 DigiD
/// outage: one provider's surge must not starve the others. Each queue has a pass; serving it
/// advances the pass by 1/weight, and the next task comes from the candidate queue with the lowest
/// pass, so over any stretch of claims each queue with work gets its weight's share. A queue that
/// had no work does not bank credit meanwhile: when it comes back its pass is lifted to the pass of
/// the queue served last, so it cannot then take a burst of claims.
/// </summary>
/// <remarks>
/// Candidates are the queues whose first open task is in the best priority class present (the
/// caller decides that: fair share never serves a regular task before a mandatory one). Not
/// thread-safe by itself: the live engine holds one behind a lock; the planner holds one per run.
/// </remarks>
public sealed class FairShare
{
    private readonly Dictionary<string, double> _pass = new(StringComparer.Ordinal);
    private double _lastServedPass;

    /// <summary>
    /// Chooses the candidate to serve and counts it as served: the first of <see cref="Turns"/>.
    /// Choosing and counting at once keeps concurrent claimers from all choosing the same queue
    /// before any of them is counted.
    /// </summary>
    public string Next(IReadOnlyCollection<QueueWeight> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("fair share needs at least one queue to choose from", nameof(candidates));
        }

        var chosen = Turns(candidates)[0];
        Served(chosen, candidates);
        return chosen;
    }

    /// <summary>
    /// The queues in the order fair share would serve them: the lowest pass first (a queue's pass
    /// lifted to the last served one's, as serving would lift it), ties by name. Whatever subset of
    /// <paramref name="queues"/> turns out to be the candidates, the first of them in this order is
    /// the one <see cref="Next"/> would choose: the engine hands the order to its one-statement
    /// claim, which learns the candidates only in the database.
    /// </summary>
    public IReadOnlyList<string> Turns(IEnumerable<QueueWeight> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);

        // The engine asks on every claim: sorted in place rather than through LINQ's
        // ordering buffers. Queue names are unique, so the order is total and the sort's
        // instability does not show.
        var entries = queues.Select(q => (Pass: Math.Max(_pass.GetValueOrDefault(q.Queue, _lastServedPass), _lastServedPass), q.Queue)).ToArray();
        Array.Sort(entries, static (a, b) => a.Pass != b.Pass ? a.Pass.CompareTo(b.Pass) : string.CompareOrdinal(a.Queue, b.Queue));
        var order = new string[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            order[i] = entries[i].Queue;
        }

        return order;
    }

    /// <summary>
    /// Counts a task of <paramref name="served"/> as served, <paramref name="others"/> having been
    /// in the running. Lifting a queue that was not a candidate (its first task in a worse class)
    /// changes nothing: the last served pass never falls, so lifting it now or when it next is a
    /// candidate comes to the same pass.
    /// </summary>
    public ServedCount Served(string served, IEnumerable<QueueWeight> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var weight = 0.0;
        foreach (var queue in others)
        {
            if (!_pass.TryGetValue(queue.Queue, out var pass) || pass < _lastServedPass)
            {
                _pass[queue.Queue] = _lastServedPass;
            }

            if (queue.Queue == served)
            {
                weight = queue.Weight;
            }
        }

        if (weight <= 0)
        {
            throw new ArgumentException($"queue '{served}' was not among the queues in the running", nameof(served));
        }

        var lastBefore = _lastServedPass;
        _lastServedPass = _pass[served];
        _pass[served] += 1.0 / weight;
        return new ServedCount(served, weight, lastBefore, _lastServedPass);
    }

    /// <summary>
    /// Takes back a count of <see cref="Served"/> made before it was known where the task would come
    /// from, when it came from another queue or from none: the engine counts a claim when it begins,
    /// from the queue it expects, so that claims begun meanwhile see the turn taken (counted when
    /// they came back, claims in flight all started at the same queue), and puts the count right
    /// when the claim is back. The last served pass goes back too, unless a later count moved it:
    /// left where the mistaken count put it, it would lift the other queues out of turn.
    /// </summary>
    public void TakeBack(ServedCount counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        _pass[counted.Queue] -= 1.0 / counted.Weight;
        if (_lastServedPass == counted.LastServedPassAfter)
        {
            _lastServedPass = counted.LastServedPassBefore;
        }
    }
}

/// <summary>One count of <see cref="FairShare.Served"/>, so that <see cref="FairShare.TakeBack"/> can undo it.</summary>
public sealed record ServedCount(string Queue, double Weight, double LastServedPassBefore, double LastServedPassAfter);
