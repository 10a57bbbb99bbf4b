namespace BacklogFlow.Planning;

/// <summary>What one review policy achieves with a number of reviewers over a scenario.</summary>
public sealed record PolicyOutcome
{
    public required ReviewPolicy Policy { get; init; }
    public required int Reviewers { get; init; }

    /// <summary>Every case in the run: the open backlog at the start plus every arrival.</summary>
    public required int Cases { get; init; }
    /// <summary>Of <see cref="Cases"/>, decided by <see cref="FollowedThrough"/>.</summary>
    public required int Decided { get; init; }

    /// <summary>Of <see cref="Cases"/>, not decided by the scenario's last day (counted case by case).</summary>
    public required int OpenAtEnd { get; init; }

    /// <summary>Of <see cref="Cases"/>, not decided by <see cref="FollowedThrough"/>.</summary>
    public required int StillOpen { get; init; }

    /// <summary>The last day simulated (the scenario's days and the follow-through, see <see cref="RecoveryPlanner.FollowedThrough"/>).</summary>
    public required DateOnly FollowedThrough { get; init; }

    /// <summary>Decided on or before the legal deadline.</summary>
    public required int DecidedInTerm { get; init; }

    /// <summary>Legally mandatory cases (the definitions' mandatory rules).</summary>
    public required int MandatoryCases { get; init; }
    public required int MandatoryDecidedInTerm { get; init; }

    /// <summary>Cases with a service promise (outage-affected).</summary>
    public required int PromiseCases { get; init; }
    public required int DecidedWithinPromise { get; init; }

    /// <summary>Cases decided after their legal deadline, or still open after it when the follow-through ends.</summary>
    public required int Breaches { get; init; }
    public required int MandatoryBreaches { get; init; }

    /// <summary>Of <see cref="Breaches"/>, cases of the open backlog whose legal deadline had passed before the plan's first day: no capacity avoids them.</summary>
    public required int BreachedBeforeStart { get; init; }

    public required int MandatoryBreachedBeforeStart { get; init; }

    public required int PeakBacklog { get; init; }
    public required DateOnly PeakDay { get; init; }

    /// <summary>The first day from the peak on with the backlog at or below the scenario's cleared level; null: not within the run.</summary>
    public required DateOnly? ClearedOn { get; init; }

    /// <summary>Penalty forfeited by the end of the follow-through (Awb 4:17), under the scenario's notice assumption.</summary>
    public required decimal PenaltyExposure { get; init; }

    /// <summary>The burn-down over the scenario's days.</summary>
    public required IReadOnlyList<PlanDay> Days { get; init; }

    /// <summary>The fewest reviewers with no avoidable mandatory breach under this policy (searched); null: not searched or none up to the limit.</summary>
    public int? FewestReviewersForNoMandatoryBreach { get; init; }

    /// <summary>Whether the search ran (so a null <see cref="FewestReviewersForNoMandatoryBreach"/> means none up to the limit).</summary>
    public bool Searched { get; init; }

    public static double Share(int part, int whole) => whole == 0 ? 1.0 : (double)part / whole;
}
