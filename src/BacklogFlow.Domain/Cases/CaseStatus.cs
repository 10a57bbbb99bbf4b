namespace BacklogFlow.Domain.Cases;

/// <summary>The case lifecycle: Received → Screened → (Decided | AwaitingReview → Decided).</summary>
public enum CaseStatus
{
    Received,
    Screened,
    AwaitingReview,
    Decided,
}
