namespace BacklogFlow.Contracts;

/// <summary>BacklogFlow tells the source system that an application was decided.</summary>
public sealed record ApplicationDecided
{
    public required string ApplicationId { get; init; }
    public required string SourceSystem { get; init; }
    public required Guid CaseId { get; init; }

    /// <summary>"issued", "refused" or "withdrawn".</summary>
    public required string Outcome { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>True when no person reviewed it: the definition allowed an automatic decision.</summary>
    public required bool DecidedAutomatically { get; init; }

    /// <summary>The legal deadline in force when it was decided.</summary>
    public required DateOnly LegalDeadline { get; init; }

    /// <summary>Whether the decision was taken on or before <see cref="LegalDeadline"/>.</summary>
    public required bool LegalDeadlineMet { get; init; }
}
