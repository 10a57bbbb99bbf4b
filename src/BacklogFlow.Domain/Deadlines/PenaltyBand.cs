namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// One band of the penalty schedule: days <see cref="From"/> through <see cref="To"/> at
/// <see cref="PerDay"/>, of which <see cref="DaysCounted"/> have been forfeited.
/// </summary>
public sealed record PenaltyBand(int Number, DateOnly From, DateOnly To, decimal PerDay, int DaysCounted)
{
    public decimal Amount => PerDay * DaysCounted;
}
