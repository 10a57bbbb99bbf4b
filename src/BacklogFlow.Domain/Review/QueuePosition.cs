namespace BacklogFlow.Domain.Review;

/// <summary>
/// Where a task stands in <see cref="QueueOrder"/>: priority class rank, then the earliest due date,
/// then the oldest receipt. Compares in exactly that order, so an in-memory priority queue (the
/// planner's) serves tasks as the claim statement does.
/// </summary>
public readonly record struct QueuePosition(int ClassRank, DateOnly DueDate, DateTimeOffset ReceivedAt) : IComparable<QueuePosition>
{
    public int CompareTo(QueuePosition other)
    {
        var byClass = ClassRank.CompareTo(other.ClassRank);
        if (byClass != 0)
        {
            return byClass;
        }

        var byDue = DueDate.CompareTo(other.DueDate);
        return byDue != 0 ? byDue : ReceivedAt.CompareTo(other.ReceivedAt);
    }

    public static bool operator <(QueuePosition left, QueuePosition right) => left.CompareTo(right) < 0;

    public static bool operator >(QueuePosition left, QueuePosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(QueuePosition left, QueuePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(QueuePosition left, QueuePosition right) => left.CompareTo(right) >= 0;
}
