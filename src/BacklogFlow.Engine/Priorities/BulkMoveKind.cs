namespace BacklogFlow.Engine.Priorities;

/// <summary>What a bulk move does to each task it matches.</summary>
public enum BulkMoveKind
{
    /// <summary>Into another review queue of the same product; a holder keeps the task.</summary>
    MoveToQueue,

    /// <summary>Into another priority class, ranked by the serving order in force.</summary>
    SetPriorityClass,

    /// <summary>To a case worker, under a fresh lease, taking it from whoever held it.</summary>
    AssignTo,

    /// <summary>Back to the queue, from whoever held it.</summary>
    Release,
}
