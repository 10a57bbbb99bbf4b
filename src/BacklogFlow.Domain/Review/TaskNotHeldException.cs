namespace BacklogFlow.Domain.Review;

/// <summary>A worker acted on a task it does not hold (never claimed, released, completed, or its lease expired).</summary>
public sealed class TaskNotHeldException(Guid taskId, string worker)
    : InvalidOperationException($"Task {taskId} is not held by {worker}: claim it first (a lease may have expired).")
{
    public Guid TaskId { get; } = taskId;
    public string Worker { get; } = worker;
}
