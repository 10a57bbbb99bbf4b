namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// A generally recognised holiday of the Algemene termijnenwet, or a day equated with one. When two
/// holidays fall on one date (Ascension Day on 5 May) the name holds both.
/// </summary>
public sealed record Holiday(DateOnly Date, string Name);
