namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The amounts of the penalty for deciding late (Awb 4:17(2)) from <see cref="EffectiveFrom"/>: per
/// day for days 1–14, 15–28 and 29–42. Which tariff applies is decided by the date the notice of
/// default was received (see <see cref="PenaltyTariffs"/>).
/// </summary>
public sealed record PenaltyTariff(
    DateOnly EffectiveFrom, decimal FirstBandPerDay, decimal SecondBandPerDay, decimal ThirdBandPerDay, string Source)
{
    /// <summary>The amount for penalty day <paramref name="dayNumber"/> (1–42).</summary>
    public decimal PerDay(int dayNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dayNumber, PenaltySchedule.MaxDays);
        return PerDayOfBand(((dayNumber - 1) / PenaltySchedule.DaysPerBand) + 1);
    }

    /// <summary>The amount per day in band 1, 2 or 3.</summary>
    public decimal PerDayOfBand(int band) => band switch
    {
        1 => FirstBandPerDay,
        2 => SecondBandPerDay,
        3 => ThirdBandPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "The penalty has three bands."),
    };

    /// <summary>The most the penalty can reach: all 42 days (€1,442 at €23/€35/€45).</summary>
    public decimal Maximum => PenaltySchedule.DaysPerBand * (FirstBandPerDay + SecondBandPerDay + ThirdBandPerDay);
}
