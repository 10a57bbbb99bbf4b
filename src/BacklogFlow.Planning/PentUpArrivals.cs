namespace BacklogFlow.Planning;

/// <summary>
/// Applications the outage held back: <see cref="Applications"/> of them arrive over the first
/// <see cref="OverDays"/> days after recovery, most on the first day and fewer each day after
/// (weights n, n-1, …, 1). Each names an intended submission date in the outage, so the service
/// promise runs from it.
/// </summary>
public sealed record PentUpArrivals(int Applications, int OverDays);
