namespace BacklogFlow.Domain.Review;

/// <summary>
/// The one definition of queue order: the rank of the task's priority class in the order in force
/// (<see cref="ClassRanking"/>), then the earliest due date, then the oldest receipt. Used by the
/// claim statement, the planner and every listing; the database index on review tasks is led by the
/// queue and the class, then these dates, so a claim seeks each class in rank order. In memory the
/// order is <see cref="QueuePosition"/>'s comparison.
/// </summary>
public static class QueueOrder
{
    public static IOrderedQueryable<ReviewTask> InQueueOrder(this IQueryable<ReviewTask> tasks, ClassRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return tasks.OrderBy(ranking.TaskRank).ThenBy(t => t.DueDate).ThenBy(t => t.ReceivedAt);
    }

    /// <summary>Queue order among tasks of one class: the earliest due date, then the oldest receipt.</summary>
    public static IOrderedQueryable<ReviewTask> InClassOrder(this IQueryable<ReviewTask> tasks) =>
        tasks.OrderBy(t => t.DueDate).ThenBy(t => t.ReceivedAt);

    public static IOrderedEnumerable<ReviewTask> InQueueOrder(this IEnumerable<ReviewTask> tasks, ClassRanking ranking) =>
        tasks.OrderBy(task => PositionOf(task, ranking));

    /// <summary>The task's place in queue order under <paramref name="ranking"/>.</summary>
    public static QueuePosition PositionOf(ReviewTask task, ClassRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(ranking);
        return new QueuePosition(ranking.ServingRankOf(task.PriorityClass), task.DueDate, task.ReceivedAt);
    }
}
