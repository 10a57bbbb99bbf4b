namespace BacklogFlow.Engine.Deadlines;

/// <summary>What one sweeper batch did.</summary>
/// <param name="LastDue">The latest due date in the batch: the next batch of the same sweep starts there.</param>
public sealed record SweepBatchResult(int Examined, int Warned, int Escalated, int Breached, DateOnly? LastDue = null)
{
    public static readonly SweepBatchResult Empty = new(0, 0, 0, 0);

    public SweepBatchResult Add(SweepBatchResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Examined + other.Examined, Warned + other.Warned, Escalated + other.Escalated, Breached + other.Breached, other.LastDue ?? LastDue);
    }
}
