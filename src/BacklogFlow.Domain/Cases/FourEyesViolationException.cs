namespace BacklogFlow.Domain.Cases;

/// <summary>
/// A refusal was asked of the reviewer who recorded the intent to refuse: a refusal needs a second
/// reviewer (four eyes).
/// </summary>
public sealed class FourEyesViolationException(Guid caseId, string reviewer)
    : InvalidOperationException(
        $"Case {caseId}: {reviewer} recorded the intent to refuse, so a second reviewer must decide the refusal (four eyes).")
{
    public Guid CaseId { get; } = caseId;
    public string Reviewer { get; } = reviewer;
}
