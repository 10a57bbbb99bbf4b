namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// A priority class; its rank is its position in the definition (0 is served first). An
/// <see cref="EscalationOnly"/> class is never assigned at intake: only the deadline sweeper's
/// escalation puts cases in it.
/// </summary>
public sealed record PriorityClass(string Name, int Rank, RuleCondition When)
{
    public bool EscalationOnly { get; init; }
}
