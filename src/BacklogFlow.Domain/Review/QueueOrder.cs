namespace BacklogFlow.Domain.Review;

/// <summary>
/// The one definition of queue order: priority class rank, then the earliest due date, then the
/// oldest receipt. Used by the claim statement, the planner and every listing; the database index on
/// review tasks has the same columns in the same order. In memory the order is
/// <see cref="QueuePosition"/>'s comparison.
/// </summary>
public static class QueueOrder
{
    public static IOrderedQueryable<ReviewTask> InQueueOrder(this IQueryable<ReviewTask> tasks) =>
        tasks.OrderBy(t => t.ClassRank).ThenBy(t => t.DueDate).ThenBy(t => t.ReceivedAt);

    public static IOrderedEnumerable<ReviewTask> InQueueOrder(this IEnumerable<ReviewTask> tasks) =>
        tasks.OrderBy(PositionOf);

    /// <summary>The task's place in queue order.</summary>
    public static QueuePosition PositionOf(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new QueuePosition(task.ClassRank, task.DueDate, task.ReceivedAt);
    }
}
