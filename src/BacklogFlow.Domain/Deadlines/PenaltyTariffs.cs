namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// Dated penalty amounts. <see cref="Awb417"/> holds the statutory ones; which applies is decided by
/// the date the notice of default was received (the transitional rule of the 2019 indexation: a notice
/// received in 2018 keeps the old amounts, one received in 2019 gets the new ones).
/// </summary>
public sealed class PenaltyTariffs
{
    public PenaltyTariffs(IEnumerable<PenaltyTariff> tariffs)
    {
        ArgumentNullException.ThrowIfNull(tariffs);
        var ordered = tariffs.OrderBy(t => t.EffectiveFrom).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].EffectiveFrom == ordered[i - 1].EffectiveFrom)
            {
                throw new ArgumentException($"Two tariffs take effect on {ordered[i].EffectiveFrom:yyyy-MM-dd}.", nameof(tariffs));
            }
        }

        Tariffs = ordered;
    }

    /// <summary>
    /// Awb 4:17(2): €20/€30/€40 from 1 October 2009 (Wet dwangsom en beroep bij niet tijdig beslissen);
    /// €23/€35/€45 from 1 January 2019 (Regeling indexering bedragen Awb, Stcrt. 2018, 65542). Before
    /// 1 October 2009 there was no penalty for deciding late.
    /// </summary>
    public static PenaltyTariffs Awb417 { get; } = new(
    [
        new PenaltyTariff(
            new DateOnly(2009, 10, 1), 20m, 30m, 40m,
            "Awb 4:17(2) as enacted by the Wet dwangsom en beroep bij niet tijdig beslissen (in force 1 October 2009)"),
        new PenaltyTariff(
            new DateOnly(2019, 1, 1), 23m, 35m, 45m,
            "Awb 4:17(2) as indexed by the Regeling indexering bedragen Awb (Stcrt. 2018, 65542; in force 1 January 2019)"),
    ]);

    /// <summary>In order of <see cref="PenaltyTariff.EffectiveFrom"/>.</summary>
    public IReadOnlyList<PenaltyTariff> Tariffs { get; }

    /// <summary>The tariff in force on <paramref name="date"/>, or null when none was yet.</summary>
    public PenaltyTariff? InForceOn(DateOnly date) => Tariffs.LastOrDefault(t => t.EffectiveFrom <= date);
}
