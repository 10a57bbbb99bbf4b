namespace BacklogFlow.Contracts;

/// <summary>
/// A legacy system hands an application to BacklogFlow. Published as a MassTransit envelope or as raw
/// JSON (camelCase) by any system. Every property is nullable on purpose: the intake validates and
/// quarantines what is missing or wrong instead of failing to deserialize it.
/// </summary>
public sealed record ApplicationSubmitted
{
    /// <summary>The application's id in the source system; with <see cref="SourceSystem"/> it is the idempotency key.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>The system that sent it, e.g. "justis-legacy".</summary>
    public string? SourceSystem { get; init; }

    /// <summary>Product code: "vog-np", "vog-rp" or "gva" (the workflow definitions in workflows/ say which exist).</summary>
    public string? Product { get; init; }

    /// <summary>A pseudonymous applicant reference. Never a citizen service number (BSN) in the clear.</summary>
    public string? ApplicantReference { get; init; }

    /// <summary>The screening profile code (e.g. "childcare", "taxi", "general").</summary>
    public string? ScreeningProfile { get; init; }

    /// <summary>Function-aspect codes screened for (e.g. "11", "12", "84").</summary>
    public IReadOnlyList<string>? FunctionAspects { get; init; }

    /// <summary>The sector the certificate is for (e.g. "education", "taxi", "youth-care").</summary>
    public string? Sector { get; init; }

    /// <summary>Where it came in: "web", "app", "paper" or "municipality".</summary>
    public string? Channel { get; init; }

    /// <summary>When the application was received by the authority; the legal term runs from the day after.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>For outage-affected applications: the date the applicant wanted to apply.</summary>
    public DateOnly? IntendedSubmissionDate { get; init; }
}
