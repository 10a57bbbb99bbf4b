using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Tests.TestSupport;

/// <summary>Builders for cases and facts used across the domain tests.</summary>
public static class Cases
{
    private static readonly Lazy<WorkflowCatalog> _catalog =
        new(() => WorkflowDefinitionLoader.LoadDirectory(Repository.WorkflowsDirectory));

    /// <summary>The definitions in the repository's workflows/ folder.</summary>
    public static WorkflowCatalog Catalog => _catalog.Value;

    public static WorkflowDefinition VogNp => Catalog.Get("vog-np");

    public static ApplicationDetails Application(
        DateTimeOffset receivedAt, string? sector = "general", string? profile = null, string product = "vog-np") =>
        new(
            SourceSystem: "legacy",
            ApplicationId: Guid.NewGuid().ToString("N"),
            Product: product,
            ApplicantReference: "ap-7f3a",
            ScreeningProfile: profile,
            FunctionAspects: ["11", "12"],
            Sector: sector,
            Channel: "web",
            ReceivedAt: receivedAt,
            IntendedSubmissionDate: null);

    public static ApplicationCase Received(DateTimeOffset receivedAt, string? sector = "general") =>
        ApplicationCase.Receive(Guid.NewGuid(), Application(receivedAt, sector), VogNp, Catalog.Calendar);

    public static CaseFacts Facts(
        MandatoryStatus mandatory,
        string? sector = null,
        string? profile = null,
        string channel = "web",
        Screening.ScreeningResult? screening = null) =>
        new("vog-np", profile, sector, channel, mandatory, screening);
}
