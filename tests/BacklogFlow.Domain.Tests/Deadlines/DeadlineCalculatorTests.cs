using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Deadlines;

public sealed class DeadlineCalculatorTests
{
    private static readonly DateOnly _tuesday2Nov2021 = new(2021, 11, 2);

    [Fact]
    public void Compute_FourWeeksAfterTuesday2Nov2021_IsTuesday30Nov2021()
    {
        var due = DeadlineCalculator.Compute(_tuesday2Nov2021, new StatutoryTerm(4, 4, 4, "see"), screening: null);

        due.Should().Be(new DateOnly(2021, 11, 30));
        due.DayOfWeek.Should().Be(DayOfWeek.Tuesday);
    }

    [Theory]
    [InlineData(null, 2021, 11, 30)]
    [InlineData(ScreeningResult.NoRecord, 2021, 11, 30)]
    [InlineData(ScreeningResult.Record, 2021, 12, 28)]
    public void Compute_VogNp_AddsTheRecordExtensionOnlyForARecord(ScreeningResult? screening, int year, int month, int day)
    {
        DeadlineCalculator.Compute(_tuesday2Nov2021, VogNp.Term, screening).Should().Be(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData(null, 4)]
    [InlineData(ScreeningResult.NoRecord, 4)]
    [InlineData(ScreeningResult.Record, 8)]
    public void TermWeeks_VogNp_IsFourOrEight(ScreeningResult? screening, int weeks)
    {
        DeadlineCalculator.TermWeeks(VogNp.Term, screening).Should().Be(weeks);
    }

    [Fact]
    public void Compute_VogRpWithRecord_StaysEightWeeks()
    {
        var term = Catalog.Get("vog-rp").Term;

        DeadlineCalculator.Compute(_tuesday2Nov2021, term, ScreeningResult.Record).Should().Be(new DateOnly(2021, 12, 28));
    }
}
