namespace BacklogFlow.Domain.Workflows;

/// <summary>Cases that match <see cref="When"/> go to <see cref="Queue"/>; the first matching rule wins.</summary>
public sealed record RoutingRule(string Queue, RuleCondition When, int Line);
