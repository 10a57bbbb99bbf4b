namespace BacklogFlow.Web.Api;

/// <summary>One page of a list; see <see cref="Paging"/>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Skip, int Take);
