using BacklogFlow.Cli.Bench;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Cli.Tests.Bench;

/// <summary>
/// The sweep bench's ordinary day must see one working day's due dates cross the at-risk threshold
/// (3 days in the shipped definitions) overnight, whatever the weekday it starts from.
/// </summary>
public sealed class SweepOrdinaryDayTests
{
    private static readonly WorkflowCatalog Shipped = WorkflowDefinitionLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"));

    [Theory]
    // Wed 9 Dec 2026: the threshold is Sat 12 Dec; Thu, Sun 13; Fri, Mon 14 after a weekend: Sat 12 Dec, threshold Tue 15 Dec.
    [InlineData("2026-12-09", "2026-12-12")]
    // Mon 7 Dec 2026: threshold Thu 10 Dec after Wed 9, both working days: the day itself.
    [InlineData("2026-12-07", "2026-12-07")]
    // Tue 22 Dec 2026: thresholds Fri 25 and Sat 26 (Christmas), Sun 27, Mon 28 after them; Sat 26 Dec, threshold Tue 29.
    [InlineData("2026-12-22", "2026-12-26")]
    public void OrdinaryDay_FromAnyWeekday_ThresholdOnAWorkingDayAfterAWorkingDay(string from, string expected)
    {
        var day = SweepBenchmark.OrdinaryDay(Shipped, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));

        day.Should().Be(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OrdinaryDay_EveryStartInAYear_ThresholdAndTheDayBeforeAreWorkingDays()
    {
        var start = new DateOnly(2026, 1, 1);
        for (var from = start; from < start.AddYears(1); from = from.AddDays(1))
        {
            var day = SweepBenchmark.OrdinaryDay(Shipped, from);
            day.Should().BeOnOrAfter(from).And.BeOnOrBefore(from.AddDays(7));
            Shipped.Calendar.IsNonWorkingDay(day.AddDays(3)).Should().BeFalse("{0}: the threshold lands on a working day", from);
            Shipped.Calendar.IsNonWorkingDay(day.AddDays(2)).Should().BeFalse("{0}: the day before it is one too, so one day's due dates cross", from);
        }
    }
}
