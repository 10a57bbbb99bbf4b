using BacklogFlow.Domain.Outages;

namespace BacklogFlow.Planning;

/// <summary>
/// What a recovery plan simulates: a period of days, the applications that arrive (steady and
/// pent-up), an optional outage, and the capacity to decide them. Loaded from
/// <c>workflows/scenarios/*.yaml</c> by <see cref="ScenarioLoader"/>; the format is in workflows/README.md.
/// </summary>
public sealed record Scenario
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";

    /// <summary>The first simulated day.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>How many days are simulated.</summary>
    public required int Days { get; init; }

    public DateOnly End => Start.AddDays(Days - 1);

    /// <summary>The seed used when none is given on the command line.</summary>
    public int Seed { get; init; } = 1;

    public required ArrivalPattern Arrivals { get; init; }

    /// <summary>The outage, registered as the engine registers one (same rule for who is affected); null for none.</summary>
    public OutageWindow? Outage { get; init; }

    /// <summary>Whether reviewers can decide during the outage (false: the system is down for them too).</summary>
    public bool ReviewsDuringOutage { get; init; }

    /// <summary>Applications the outage held back, arriving after it; null for none.</summary>
    public PentUpArrivals? PentUp { get; init; }

    public required AutomaticCapacity Automatic { get; init; }
    public required ReviewerCapacity Reviewers { get; init; }
    public required PenaltyAssumption Penalty { get; init; }

    /// <summary>The backlog counts as cleared once the open cases are at most this many (after the peak).</summary>
    public required int ClearedAtOrBelow { get; init; }

    /// <summary>The file it was loaded from, for messages.</summary>
    public string SourceFile { get; init; } = "";

    /// <summary>The first day after the outage (the day of recovery), or null without one.</summary>
    public DateOnly? RecoveryDay => Outage?.End.AddDays(1);

    public bool IsDuringOutage(DateOnly day) => Outage is { } outage && day >= outage.Start && day <= outage.End;
}
