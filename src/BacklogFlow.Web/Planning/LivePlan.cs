using System.Text.Json.Serialization;
using BacklogFlow.Planning;

namespace BacklogFlow.Web.Planning;

/// <summary>
/// The live plan: from <see cref="Today"/>'s open review tasks, with the arrivals assumed, what each
/// policy achieves with the reviewers asked for; <see cref="Engine"/> is the engine's own claim.
/// <see cref="ArrivalsFrom"/> says where the arrival rate came from: "given", "recent" (the average
/// working day of the recent days) or "scenario" (the scenario's steady rate, when nothing arrived recently).
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
    public const string ArrivalsGiven = "given";
    public const string ArrivalsRecent = "recent";
    public const string ArrivalsFromScenario = "scenario";

    [JsonIgnore]
    public PolicyOutcome Engine => Outcomes.Single(o => o.Policy == ReviewPolicy.Definitions);
}
