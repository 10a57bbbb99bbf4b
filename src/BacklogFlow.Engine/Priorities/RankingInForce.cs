using BacklogFlow.Domain.Review;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The serving order of priority classes in force, with the version a supervisor's reorder must name.
/// <paramref name="DefinitionsChanged"/> is true when a stored order no longer names the classes the
/// definitions declare (a class was added or removed since): the declared order applies until a
/// supervisor reorders again, and the page says so rather than serving by a half-valid order.
/// </summary>
public sealed record RankingInForce(ClassRanking Ranking, int Version, string? ChangedBy, DateTimeOffset? ChangedAt, bool DefinitionsChanged);
