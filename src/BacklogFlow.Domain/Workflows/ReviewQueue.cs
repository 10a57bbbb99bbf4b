namespace BacklogFlow.Domain.Workflows;

/// <summary>A review queue and its fair-share weight relative to the other queues.</summary>
public sealed record ReviewQueue(string Name, int Weight, string Description);
