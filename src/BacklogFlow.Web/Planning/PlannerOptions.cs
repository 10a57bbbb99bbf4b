namespace BacklogFlow.Web.Planning;

/// <summary>
/// Configuration section "BacklogFlow:Planner": the scenario whose mix (products, sectors, record
/// shares), reviewer rates and automatic capacity the live plan assumes; relative to the workflows folder.
/// </summary>
public sealed class PlannerOptions
{
    public const string Section = "BacklogFlow:Planner";

    public string Scenario { get; set; } = Path.Combine("scenarios", "justis-2021.yaml");

    /// <summary>How many past days the recent arrival rate is measured over.</summary>
    public int RecentDays { get; set; } = 14;
}
