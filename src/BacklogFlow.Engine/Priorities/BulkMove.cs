namespace BacklogFlow.Engine.Priorities;

/// <summary>A supervisor's bulk move: what to do (<see cref="Kind"/>) with which target (queue, class or worker; none to release).</summary>
public sealed record BulkMove(BulkMoveKind Kind, string? Target);
