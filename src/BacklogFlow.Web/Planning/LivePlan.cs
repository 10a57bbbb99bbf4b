using System.Text.Json.Serialization;
using BacklogFlow.Planning;

namespace BacklogFlow.Web.Planning;

/// <summary>
/// The live plan: from <see cref="Today"/>'s open review tasks, with the arrivals assumed, what each
/// policy achieves with the reviewers asked for; <see cref="Engine"/> is the engine's own claim.
/// </summary>
public sealed record LivePlan(
    LivePlanRequest Request,
    DateOnly Today,
    int OpenReviews,
    double ArrivalsPerWorkingDay,
    string ArrivalsFrom,
    string Scenario,
    IReadOnlyList<PolicyOutcome> Outcomes)
{
    [JsonIgnore]
    public PolicyOutcome Engine => Outcomes.Single(o => o.Policy == ReviewPolicy.Definitions);
}
