namespace BacklogFlow.Domain.Review;

/// <summary>A queue and the weight it is served with (the definition's, or a supervisor's).</summary>
public sealed record QueueWeight
{
    public QueueWeight(string queue, int weight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        Queue = queue;
        Weight = weight;
    }

    public string Queue { get; }
    public int Weight { get; }
}
