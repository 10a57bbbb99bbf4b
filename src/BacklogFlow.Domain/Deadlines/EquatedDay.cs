namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// A day equated with a generally recognised holiday by Royal Decree (Algemene termijnenwet art. 3(3)),
/// kept as data in the calendar file; <see cref="Note"/> says which decree or why.
/// </summary>
public sealed record EquatedDay(DateOnly Date, string Note);
