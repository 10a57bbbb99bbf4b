using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// Which open review tasks a supervisor's bulk move applies to; every criterion given must hold, an
/// absent one matches all. Completed tasks never match.
/// </summary>
public sealed record TaskFilter
{
    public string? Queue { get; init; }
    public string? Product { get; init; }
    public string? PriorityClass { get; init; }
    public MandatoryStatus? Mandatory { get; init; }

    /// <summary>Tasks due on or before this date.</summary>
    public DateOnly? DueOnOrBefore { get; init; }

    /// <summary>Tasks a live lease of this worker holds.</summary>
    public string? HeldBy { get; init; }

    /// <summary>True: only tasks somebody holds now; false: only tasks nobody holds; null: both.</summary>
    public bool? Held { get; init; }
}
