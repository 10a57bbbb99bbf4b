namespace BacklogFlow.Engine.Priorities;

/// <summary>A rebalancing edit the rules do not allow (a reorder that drops a class, a move into another product's queue...): HTTP 422.</summary>
public sealed class RebalanceRefusedException(string message) : InvalidOperationException(message);
