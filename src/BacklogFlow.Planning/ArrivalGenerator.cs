using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Planning;

/// <summary>
/// Draws a scenario's arrivals from one seeded generator, so the same seed gives the same
/// applications: each day's count around its expectation (normal approximation of a Poisson count),
/// then per application its product, sector, whether the check finds a record, the moment of receipt
/// and, for pent-up applications, the day in the outage the applicant wanted to apply. The mandatory
/// status is the definition's classification of the sector. Returned in order of receipt, for
/// <paramref name="days"/> days from the scenario's start.
/// </summary>
internal sealed class ArrivalGenerator(Scenario scenario, WorkflowCatalog catalog, int seed, int days)
{
    private const int SecondsBeforeOrAfterNoon = 11 * 3600;

    private readonly Random _random = new(seed);
    private readonly WorkflowDefinition[] _definitions = [.. scenario.Arrivals.Products.Select(p => catalog.Get(p.Product))];

    public List<Arrival> Generate()
    {
        var arrivals = new List<Arrival>();
        var today = new List<Arrival>();
        var pentUp = PentUpPerDay();
        for (var day = 0; day < days; day++)
        {
            var date = scenario.Start.AddDays(day);
            var noon = LegalTime.Noon(date);
            today.Clear();
            if (!scenario.IsDuringOutage(date))
            {
                var expected = scenario.Arrivals.PerWorkingDay
                    * (catalog.Calendar.IsNonWorkingDay(date) ? scenario.Arrivals.NonWorkingDayFactor : 1.0);
                var count = Count(expected);
                for (var i = 0; i < count; i++)
                {
                    today.Add(Draw(day, date, noon, intended: null));
                }
            }

            for (var i = 0; i < pentUp.GetValueOrDefault(day); i++)
            {
                var outage = scenario.Outage!;
                var intended = outage.Start.AddDays(_random.Next(outage.End.DayNumber - outage.Start.DayNumber + 1));
                today.Add(Draw(day, date, noon, intended));
            }

            today.Sort((a, b) => a.ReceivedAt.CompareTo(b.ReceivedAt));
            arrivals.AddRange(today);
        }

        return arrivals;
    }

    /// <summary>Pent-up applications per day index: most on the day of recovery, one weight less each day after.</summary>
    private Dictionary<int, int> PentUpPerDay()
    {
        var perDay = new Dictionary<int, int>();
        if (scenario.PentUp is not { } pentUp || scenario.RecoveryDay is not { } recovery)
        {
            return perDay;
        }

        var weights = Enumerable.Range(0, pentUp.OverDays).Select(i => pentUp.OverDays - i).ToList();
        var total = weights.Sum();
        var given = 0;
        for (var i = 0; i < pentUp.OverDays; i++)
        {
            var count = i == pentUp.OverDays - 1 ? pentUp.Applications - given : (int)Math.Round((double)pentUp.Applications * weights[i] / total);
            given += count;
            var day = recovery.DayNumber + i - scenario.Start.DayNumber;
            if (day < days)
            {
                perDay[day] = count;
            }
        }

        return perDay;
    }

    private int Count(double expected)
    {
        if (expected <= 0)
        {
            return 0;
        }

        // Box–Muller: a standard normal draw.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Max(0, (int)Math.Round(expected + (normal * Math.Sqrt(expected))));
    }

    private Arrival Draw(int day, DateOnly date, DateTimeOffset noon, DateOnly? intended)
    {
        var mixIndex = Pick(scenario.Arrivals.Products, p => p.Share);
        var mix = scenario.Arrivals.Products[mixIndex];
        var sectorIndex = Pick(mix.Sectors, s => s.Share);
        var sector = mix.Sectors[sectorIndex].Sector;
        var definition = _definitions[mixIndex];
        var hasRecord = _random.NextDouble() < mix.RecordShare;
        var receivedAt = noon.AddSeconds(_random.Next(-SecondsBeforeOrAfterNoon, SecondsBeforeOrAfterNoon));
        return new Arrival(
            day,
            receivedAt,
            date,
            mixIndex,
            mix.Product,
            sectorIndex,
            sector,
            definition.Mandatory.Classify(sector, null),
            hasRecord,
            intended,
            (float)_random.NextDouble());
    }

    /// <summary>The index of an item drawn with the probabilities of its share.</summary>
    private int Pick<T>(IReadOnlyList<T> items, Func<T, double> share)
    {
        var draw = _random.NextDouble();
        for (var i = 0; i < items.Count; i++)
        {
            draw -= share(items[i]);
            if (draw < 0)
            {
                return i;
            }
        }

        return items.Count - 1;
    }
}
