using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BenchmarkDotNet.Attributes;

namespace BacklogFlow.Benchmarks;

/// <summary>
/// Deadline derivation: <see cref="DeadlineLedger.Compute"/> for a received case with a record, a
/// request-to-complete suspension and an extension (every rule: term, record extension, suspension,
/// extension, Atw, penalty schedule), and the Atw term end alone, each against the bare arithmetic.
/// </summary>
[MemoryDiagnoser]
public class DeadlineBenchmarks
{
    private static readonly DateOnly ReceivedOn = new(2021, 11, 27);

    private DeadlineLedger _ledger = null!;
    private StatutoryTerm _term = null!;
    private HolidayCalendar _calendar = null!;
    private HashSet<DateOnly> _holidays = [];
    private DateOnly[] _termEnds = [];

    [GlobalSetup]
    public void Setup()
    {
        var catalog = DomainFixtures.Catalog;
        _term = catalog.Get("vog-np").Term;
        _calendar = catalog.Calendar;
        var receivedAt = new DateTimeOffset(ReceivedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(1));
        _ledger = new DeadlineLedger(
        [
            new CaseReceived(receivedAt),
            new RecordFound(receivedAt.AddDays(2)),
            new ClockSuspended(ReceivedOn.AddDays(10), ReceivedOn.AddDays(23), SuspensionReason.RequestToComplete),
            new TermExtended(2, "advice of the municipality needed", ReceivedOn.AddDays(30)),
        ]);
        _holidays = [.. Enumerable.Range(2021, 3).SelectMany(y => _calendar.HolidaysIn(y)).Select(h => h.Date)];
        _termEnds = [.. Enumerable.Range(0, 365).Select(d => new DateOnly(2021, 1, 1).AddDays(d))];
    }

    [Benchmark]
    public DateOnly LedgerCompute() => _ledger.Compute(_term, _calendar).LegalDeadline;

    /// <summary>What the ledger boils down to for this case, written out: term + record extension + extension + suspended days, then the next working day.</summary>
    [Benchmark(Baseline = true)]
    public DateOnly BareTermArithmetic()
    {
        var days = 7 * (_term.Weeks + _term.RecordExtensionWeeks + 2) + 14;
        var end = ReceivedOn.AddDays(days);
        while (end.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || _holidays.Contains(end))
        {
            end = end.AddDays(1);
        }

        return end;
    }

    [Benchmark]
    public int AtwTermEndForAYearOfDays()
    {
        var moved = 0;
        foreach (var end in _termEnds)
        {
            moved += _calendar.NextWorkingDayFrom(end) != end ? 1 : 0;
        }

        return moved;
    }

    [Benchmark]
    public int WeekendAndHolidaySetForAYearOfDays()
    {
        var moved = 0;
        foreach (var end in _termEnds)
        {
            var next = end;
            while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || _holidays.Contains(next))
            {
                next = next.AddDays(1);
            }

            moved += next != end ? 1 : 0;
        }

        return moved;
    }
}
