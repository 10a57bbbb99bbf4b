namespace BacklogFlow.Domain.Cases;

/// <summary>A validated application as the source system sent it.</summary>
public sealed record ApplicationDetails(
    string SourceSystem,
    string ApplicationId,
    string Product,
    string ApplicantReference,
    string? ScreeningProfile,
    IReadOnlyList<string> FunctionAspects,
    string? Sector,
    string Channel,
    DateTimeOffset ReceivedAt,
    DateOnly? IntendedSubmissionDate);
