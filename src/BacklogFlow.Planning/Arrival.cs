using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Planning;

/// <summary>
/// One simulated application as it arrives: what intake would be told, and what its records check will
/// find. <see cref="Mix"/> and <see cref="SectorIndex"/> index the scenario's product mix and its sectors.
/// </summary>
internal readonly record struct Arrival(
    int Day,
    DateTimeOffset ReceivedAt,
    DateOnly ReceivedOn,
    int Mix,
    string Product,
    int SectorIndex,
    string? Sector,
    MandatoryStatus Mandatory,
    bool HasRecord,
    DateOnly? IntendedSubmissionDate,
    float NoticeDraw);
