using BacklogFlow.Domain.Screening;

namespace BacklogFlow.Domain.Cases;

/// <summary>The facts of a case that routing, priority and mandatory rules look at.</summary>
public sealed record CaseFacts(
    string Product,
    string? ScreeningProfile,
    string? Sector,
    string Channel,
    MandatoryStatus Mandatory,
    ScreeningResult? Screening);
