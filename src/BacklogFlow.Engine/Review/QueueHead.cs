namespace BacklogFlow.Engine.Review;

/// <summary>A queue and a priority class it has a claimable task of: what a claim compares before fair share picks between queues.</summary>
/// <remarks>Set by member initialisation, not a constructor: EF Core translates only that into each side of a UNION ALL.</remarks>
public sealed record QueueHead
{
    public required string Queue { get; init; }
    public required string PriorityClass { get; init; }
}
