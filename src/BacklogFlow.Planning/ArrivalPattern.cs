namespace BacklogFlow.Planning;

/// <summary>
/// Steady arrivals: <see cref="PerWorkingDay"/> applications on a working day, times
/// <see cref="NonWorkingDayFactor"/> on weekends and holidays, split over products by their share.
/// Each day's count is drawn around its expectation from the run's seeded generator.
/// </summary>
public sealed record ArrivalPattern(double PerWorkingDay, double NonWorkingDayFactor, IReadOnlyList<ProductMix> Products);
