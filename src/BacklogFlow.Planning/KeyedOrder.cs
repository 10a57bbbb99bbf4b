namespace BacklogFlow.Planning;

/// <summary>A policy that orders all tasks by one fixed key (fifo, mandatory-first, earliest-deadline).</summary>
internal sealed class KeyedOrder(Func<int, (long First, long Second)> key) : IReviewOrder
{
    private readonly PriorityQueue<int, (long, long, int)> _open = new();

    public void Add(int task)
    {
        var (first, second) = key(task);
        _open.Enqueue(task, (first, second, task));
    }

    public void StartDay(DateOnly today)
    {
    }

    public bool TryTake(out int task) => _open.TryDequeue(out task, out _);
}
