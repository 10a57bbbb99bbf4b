namespace BacklogFlow.Domain.Cases;

/// <summary>A lifecycle step was asked of a case in a state that does not allow it.</summary>
public sealed class InvalidCaseTransitionException(Guid caseId, CaseStatus status, string step)
    : InvalidOperationException($"Case {caseId} is {status}; it cannot {step}.")
{
    public Guid CaseId { get; } = caseId;
    public CaseStatus Status { get; } = status;
}
