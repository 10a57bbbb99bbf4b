namespace BacklogFlow.Planning;

/// <summary>
/// How many applications the automatic path (screening, and the decision where there is no record)
/// handles a day, every day: <see cref="PerDay"/> normally and <see cref="RecoveryPerDay"/> from the
/// day of recovery on.
/// </summary>
public sealed record AutomaticCapacity(int PerDay, int RecoveryPerDay);
