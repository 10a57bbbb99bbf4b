namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// A threshold the deadline sweeper acts on: when a case has <see cref="DaysLeft"/> or fewer days
/// before its due date it is flagged, and escalated to <see cref="EscalateTo"/> when that is given.
/// </summary>
public sealed record DeadlineWarning(string Name, int DaysLeft, string? EscalateTo);
