namespace BacklogFlow.Domain.Cases;

/// <summary>How a case ends. YAML spelling: "issue", "refuse", "withdrawn".</summary>
public enum DecisionOutcome
{
    Issue,
    Refuse,
    Withdrawn,
}
