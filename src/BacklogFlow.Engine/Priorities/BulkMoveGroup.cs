namespace BacklogFlow.Engine.Priorities;

/// <summary>How many of the tasks a bulk move would change sit in one queue and class.</summary>
public sealed record BulkMoveGroup(string Queue, string PriorityClass, int Tasks);
