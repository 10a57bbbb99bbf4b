namespace BacklogFlow.Web.Planning;

/// <summary>
/// What a supervisor asks of the live plan: <see cref="Reviewers"/> reviewers for <see cref="Weeks"/>
/// weeks; arrivals per working day as given, or (null) the recent rate.
/// </summary>
public sealed record LivePlanRequest(int Reviewers, int Weeks = LivePlanRequest.DefaultWeeks, double? ArrivalsPerWorkingDay = null, int Seed = 1)
{
    public const int DefaultWeeks = 8;
    public const int MaxWeeks = 52;
    public const int MaxReviewers = 10_000;

    /// <summary>What is wrong with the request, or null.</summary>
    public string? Problem() =>
        Reviewers is < 0 or > MaxReviewers ? $"reviewers must be from 0 to {MaxReviewers}"
        : Weeks is < 1 or > MaxWeeks ? $"weeks must be from 1 to {MaxWeeks}"
        : ArrivalsPerWorkingDay is < 0 or > 1_000_000 ? "arrivals per working day must be from 0 to 1,000,000"
        : null;
}
