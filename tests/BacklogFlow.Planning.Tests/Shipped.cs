using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Planning.Tests;

/// <summary>The workflow definitions, calendar and scenarios the repository ships (copied beside the test binary).</summary>
internal static class Shipped
{
    private static readonly Lazy<WorkflowCatalog> _catalog = new(() => WorkflowDefinitionLoader.LoadDirectory(WorkflowsDirectory));
    private static readonly Lazy<Scenario> _justis = new(() => ScenarioLoader.LoadFile(JustisPath, Catalog));

    public static string WorkflowsDirectory => Path.Combine(AppContext.BaseDirectory, "workflows");

    public static string JustisPath => Path.Combine(WorkflowsDirectory, "scenarios", "justis-2021.yaml");

    public static WorkflowCatalog Catalog => _catalog.Value;

    public static Scenario Justis2021 => _justis.Value;

    /// <summary>
    /// A smaller version of the 2021 scenario (a tenth of the arrivals, six weeks), quick enough to run
    /// many times; reviewers scaled alike. <paramref name="withOutage"/> false: no outage and no pent-up
    /// applications, the steady state.
    /// </summary>
    public static Scenario Small(bool withOutage = true) => Justis2021 with
    {
        Days = 42,
        Arrivals = Justis2021.Arrivals with { PerWorkingDay = 500 },
        PentUp = withOutage ? new PentUpArrivals(7000, 5) : null,
        Outage = withOutage ? Justis2021.Outage : null,
        Automatic = new AutomaticCapacity(600, 1200),
        Reviewers = Justis2021.Reviewers with { Count = 4 },
        ClearedAtOrBelow = 500,
    };
}
