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
    /// Chooses the candidate to serve and counts it as served: the lowest pass, ties by name so the
    /// choice is deterministic. Choosing and counting at once keeps concurrent claimers from all
    /// choosing the same queue before any of them is counted.
    /// </summary>
    public string Next(IReadOnlyCollection<QueueWeight> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("fair share needs at least one queue to choose from", nameof(candidates));
        }

        foreach (var candidate in candidates)
        {
            if (!_pass.TryGetValue(candidate.Queue, out var pass) || pass < _lastServedPass)
            {
                _pass[candidate.Queue] = _lastServedPass;
            }
        }

        var chosen = candidates.OrderBy(c => _pass[c.Queue]).ThenBy(c => c.Queue, StringComparer.Ordinal).First();
        _lastServedPass = _pass[chosen.Queue];
        _pass[chosen.Queue] += 1.0 / chosen.Weight;
        return chosen.Queue;
    }
}
