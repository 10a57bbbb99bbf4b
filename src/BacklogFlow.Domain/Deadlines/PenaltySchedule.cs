namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The penalty for deciding late (Awb 4:17) once a valid notice of default was received. The first
/// penalty day is the day on which two weeks have passed after the later of the legal deadline and
/// the day the notice was received; it runs for each day until the day before the decision, at most
/// 42 days. The Atw does not apply to the 42 days.
/// </summary>
public sealed record PenaltySchedule
{
    /// <summary>Days between the later of deadline and notice, and the first penalty day.</summary>
    public const int WaitDays = 14;

    public const int DaysPerBand = 14;

    public const int MaxDays = 42;

    public required DateOnly NoticeReceivedOn { get; init; }

    /// <summary>The first day the penalty is forfeited.</summary>
    public required DateOnly FirstDay { get; init; }

    /// <summary>The 42nd day, the last one that can count.</summary>
    public required DateOnly LastDay { get; init; }

    public required PenaltyTariff Tariff { get; init; }

    /// <summary>The decision date: the penalty stops the day before.</summary>
    public DateOnly? DecidedOn { get; init; }

    /// <summary>
    /// The date the exposure is counted up to (inclusive). Null: up to the decision, or, for an
    /// undecided case, the most it can become (42 days).
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Three bands, with the days counted as of <see cref="AsOf"/>.</summary>
    public required IReadOnlyList<PenaltyBand> Bands { get; init; }

    public int DaysCounted => Bands.Sum(b => b.DaysCounted);

    /// <summary>The exposure: the amount forfeited as of <see cref="AsOf"/>.</summary>
    public decimal Total => Bands.Sum(b => b.Amount);

    public decimal Maximum => Tariff.Maximum;

    /// <summary>Penalty days forfeited through <paramref name="date"/> (inclusive).</summary>
    public int DaysAsOf(DateOnly date) => CountDays(FirstDay, LastDay, DecidedOn, date);

    /// <summary>The amount forfeited through <paramref name="date"/> (inclusive).</summary>
    public decimal ExposureAsOf(DateOnly date)
    {
        var days = DaysAsOf(date);
        var total = 0m;
        for (var day = 1; day <= days; day++)
        {
            total += Tariff.PerDay(day);
        }

        return total;
    }

    internal static PenaltySchedule Create(
        DateOnly noticeReceivedOn, DateOnly firstDay, PenaltyTariff tariff, DateOnly? decidedOn, DateOnly? asOf)
    {
        var lastDay = firstDay.AddDays(MaxDays - 1);
        var counted = CountDays(firstDay, lastDay, decidedOn, asOf);
        var bands = new List<PenaltyBand>();
        for (var band = 1; band <= MaxDays / DaysPerBand; band++)
        {
            var firstNumber = ((band - 1) * DaysPerBand) + 1;
            var days = Math.Clamp(counted - (firstNumber - 1), 0, DaysPerBand);
            bands.Add(new PenaltyBand(
                band,
                firstDay.AddDays(firstNumber - 1),
                firstDay.AddDays(firstNumber - 1 + DaysPerBand - 1),
                tariff.PerDayOfBand(band),
                days));
        }

        return new PenaltySchedule
        {
            NoticeReceivedOn = noticeReceivedOn,
            FirstDay = firstDay,
            LastDay = lastDay,
            Tariff = tariff,
            DecidedOn = decidedOn,
            AsOf = asOf,
            Bands = bands,
        };
    }

    private static int CountDays(DateOnly firstDay, DateOnly lastDay, DateOnly? decidedOn, DateOnly? asOf)
    {
        var end = lastDay;
        if (decidedOn is { } decided && decided.AddDays(-1) < end)
        {
            end = decided.AddDays(-1);
        }

        if (asOf is { } until && until < end)
        {
            end = until;
        }

        return Math.Max(0, end.DayNumber - firstDay.DayNumber + 1);
    }
}
