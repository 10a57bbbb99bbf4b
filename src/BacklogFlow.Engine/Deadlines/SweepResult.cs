namespace BacklogFlow.Engine.Deadlines;

/// <summary>What one deadline sweep changed: the review tasks it escalated, and how long it took.</summary>
public sealed record SweepResult(int Escalated, TimeSpan Elapsed);
