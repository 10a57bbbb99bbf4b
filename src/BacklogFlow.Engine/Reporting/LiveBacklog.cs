using BacklogFlow.Domain.Review;
using BacklogFlow.Planning;

namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// What the recovery planner starts from when it plans the live backlog: every open review task with
/// its case's clock, the serving order of priority classes and the queue weights in force, as of
/// <see cref="Today"/> (the legal date).
/// </summary>
public sealed record LiveBacklog(
    DateOnly Today,
    IReadOnlyList<OpenCase> OpenReviews,
    ClassRanking Ranking,
    IReadOnlyDictionary<string, int> Weights);
