namespace BacklogFlow.Planning;

/// <summary>The open review tasks of one simulation run, handed out in a policy's order.</summary>
internal interface IReviewOrder
{
    void Add(int task);

    /// <summary>Called at the start of each simulated day, before any task is taken.</summary>
    void StartDay(DateOnly today);

    bool TryTake(out int task);
}
