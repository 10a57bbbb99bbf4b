namespace BacklogFlow.Engine.Screening;

/// <summary>What the judicial-records check is asked about one applicant.</summary>
public sealed record RecordsCheckRequest(
    string ApplicantReference, string Product, string? ScreeningProfile, string FunctionAspects);
