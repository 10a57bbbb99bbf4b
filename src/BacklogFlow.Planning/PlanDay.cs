namespace BacklogFlow.Planning;

/// <summary>One day of a simulated recovery: what arrived, what was decided, and what is open at its end.</summary>
public sealed record PlanDay(
    DateOnly Date,
    int Received,
    int DecidedAutomatically,
    int DecidedByReview,
    int Open,
    int OpenForReview,
    int OpenMandatory,
    int ReviewCapacity,
    int BreachesSoFar)
{
    public int Decided => DecidedAutomatically + DecidedByReview;
}
