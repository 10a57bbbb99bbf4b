using BacklogFlow.Domain.Deadlines;
using static BacklogFlow.Domain.Tests.Deadlines.LedgerBuilder;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Deadlines;

/// <summary>
/// The penalty for deciding late (Awb 4:17). The main example: received Tue 2 Nov 2021, deadline
/// Tue 30 Nov 2021, notice of default received Wed 1 Dec 2021, so the penalty runs from Wed 15 Dec
/// 2021 through Tue 25 Jan 2022 at most.
/// </summary>
public sealed class PenaltyTests
{
    private static readonly DefaultNoticeReceived _validNotice = new(D(2021, 12, 1));

    [Fact]
    public void Compute_NoticeOnTheLastDayOfTheTerm_IsPrematureAndDoesNotCount()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new DefaultNoticeReceived(D(2021, 11, 30)), Decided(2022, 3, 1));

        result.Penalty.Should().BeNull();
        result.PenaltyExposure.Should().Be(0m);
        result.AppliedRules.Should().Contain(
            "notice of default received Tue 30 Nov 2021 does not count: the term had not ended yet "
            + "(its last day is Tue 30 Nov 2021); a premature notice does not count (Awb 4:17)");
    }

    [Fact]
    public void Compute_NoticeBeforeTheAtwMonday_IsPremature()
    {
        // Received Sat 27 Nov 2021: the term ends Mon 27 Dec 2021 under the Atw, so a notice on Sun 26 Dec is premature.
        var result = Compute(VogNp.Term, Received(2021, 11, 27), new DefaultNoticeReceived(D(2021, 12, 26)));

        result.Penalty.Should().BeNull();
    }

    [Fact]
    public void Compute_ValidNotice_PenaltyStartsTwoWeeksAfterIt()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), _validNotice);

        var penalty = result.Penalty!;
        penalty.NoticeReceivedOn.Should().Be(D(2021, 12, 1));
        penalty.FirstDay.Should().Be(D(2021, 12, 15));
        penalty.LastDay.Should().Be(D(2022, 1, 25));
        penalty.Bands.Select(b => (b.Number, b.From, b.To, b.PerDay)).Should().Equal(
            (1, D(2021, 12, 15), D(2021, 12, 28), 23m),
            (2, D(2021, 12, 29), D(2022, 1, 11), 35m),
            (3, D(2022, 1, 12), D(2022, 1, 25), 45m));
        result.AppliedRules.Should().Contain(
            "notice of default received Wed 1 Dec 2021 counts; the penalty runs from Wed 15 Dec 2021 "
            + "(two weeks after the later of the deadline and the notice), at most 42 days through Tue 25 Jan 2022; "
            + "the Atw does not apply to these days");
    }

    [Theory]
    [InlineData(14, 0, 0)]
    [InlineData(15, 0, 0)]
    [InlineData(16, 1, 23)]
    [InlineData(29, 14, 322)]
    [InlineData(30, 15, 357)]
    public void Compute_DecidedDuringTheWaitOrTheFirstBands_CountsDaysBeforeTheDecision(int decidedDay, int days, int total)
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), _validNotice, Decided(2021, 12, decidedDay));

        result.Penalty!.DaysCounted.Should().Be(days);
        result.PenaltyExposure.Should().Be(total);
    }

    [Fact]
    public void Compute_NeverDecidedInTime_StopsAtFortyTwoDaysAnd1442Euros()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), _validNotice, Decided(2022, 6, 1));

        var penalty = result.Penalty!;
        penalty.DaysCounted.Should().Be(42);
        penalty.Bands.Select(b => (b.DaysCounted, b.Amount)).Should().Equal((14, 322m), (14, 490m), (14, 630m));
        penalty.Total.Should().Be(1442m);
        penalty.Maximum.Should().Be(1442m);
        result.AppliedRules.Should().Contain("penalty until the decision on Wed 1 Jun 2022: 42 days, €1,442");
    }

    [Fact]
    public void Compute_UndecidedAsOfADate_GivesTheExposureThen()
    {
        var result = Compute(VogNp.Term, D(2022, 1, 1), Received(2021, 11, 2), _validNotice);

        result.AsOf.Should().Be(D(2022, 1, 1));
        result.Penalty!.DaysCounted.Should().Be(18);
        result.PenaltyExposure.Should().Be((14 * 23) + (4 * 35));
        result.Penalty.ExposureAsOf(D(2021, 12, 28)).Should().Be(322m);
        result.Penalty.ExposureAsOf(D(2021, 12, 14)).Should().Be(0m);
        result.Penalty.ExposureAsOf(D(2022, 12, 31)).Should().Be(1442m);
        result.AppliedRules.Should().Contain("penalty as of Sat 1 Jan 2022: 18 days, €462");
    }

    [Fact]
    public void Compute_UndecidedWithoutAsOf_ShowsTheMostItCanBecome()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), _validNotice);

        result.PenaltyExposure.Should().Be(1442m);
        result.AppliedRules.Should().Contain("penalty if no decision comes (the most it can become): 42 days, €1,442");
    }

    [Fact]
    public void Compute_NoticeOnASaturday_FirstPenaltyDayIsNotMovedByTheAtw()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new DefaultNoticeReceived(D(2021, 12, 4)));

        result.Penalty!.FirstDay.Should().Be(D(2021, 12, 18));
        result.Penalty.FirstDay.DayOfWeek.Should().Be(DayOfWeek.Saturday);
        result.Penalty.LastDay.Should().Be(D(2022, 1, 28));
    }

    [Fact]
    public void Compute_PrematureAndLaterValidNotice_TheValidOneCounts()
    {
        var result = Compute(
            VogNp.Term, Received(2021, 11, 2), new DefaultNoticeReceived(D(2021, 11, 20)), _validNotice, new DefaultNoticeReceived(D(2021, 12, 8)));

        result.Penalty!.NoticeReceivedOn.Should().Be(D(2021, 12, 1));
        result.AppliedRules.Should().ContainSingle(r => r.Contains("does not count", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_NoticeAfterTheDecision_GivesNoPenalty()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Decided(2021, 12, 1), new DefaultNoticeReceived(D(2021, 12, 2)));

        result.Penalty.Should().BeNull();
        result.AppliedRules.Should().Contain("notice of default received Thu 2 Dec 2021, on or after the decision: no penalty");
    }

    [Fact]
    public void Compute_SuspensionMovesTheDeadline_SoANoticeBeforeTheNewEndIsPremature()
    {
        var result = Compute(
            VogNp.Term, Received(2021, 11, 2), Suspended(D(2021, 11, 5), D(2021, 11, 7)), _validNotice);

        result.LegalDeadline.Should().Be(D(2021, 12, 3));
        result.Penalty.Should().BeNull();
    }

    [Fact]
    public void Compute_NoticeIn2018_UsesTheTariffBefore2019()
    {
        var result = Compute(VogNp.Term, Received(2018, 10, 2), new DefaultNoticeReceived(D(2018, 10, 31)), Decided(2019, 3, 1));

        var penalty = result.Penalty!;
        penalty.Tariff.EffectiveFrom.Should().Be(D(2009, 10, 1));
        penalty.Bands.Select(b => b.PerDay).Should().Equal(20m, 30m, 40m);
        penalty.Total.Should().Be(1260m);
        result.AppliedRules.Should().Contain(
            "penalty tariff from Thu 1 Oct 2009 (by the date the notice was received): €20/€30/€40 a day "
            + "for days 1–14/15–28/29–42, at most €1,260");
    }

    [Theory]
    [InlineData(2018, 12, 31, 20)]
    [InlineData(2019, 1, 2, 23)]
    public void Compute_NoticeAroundNewYear2019_TheNoticeDateDecidesTheTariff(int year, int month, int day, int firstBand)
    {
        var result = Compute(VogNp.Term, Received(2018, 11, 20), new DefaultNoticeReceived(D(year, month, day)), Decided(2019, 6, 1));

        result.LegalDeadline.Should().Be(D(2018, 12, 18));
        result.Penalty!.Tariff.FirstBandPerDay.Should().Be(firstBand);
    }

    [Fact]
    public void Compute_NoticeBeforeThePenaltyExisted_GivesNoPenalty()
    {
        var result = Compute(VogNp.Term, Received(2009, 7, 1), new DefaultNoticeReceived(D(2009, 8, 3)));

        result.Penalty.Should().BeNull();
        result.AppliedRules.Should().Contain(
            "notice of default received Mon 3 Aug 2009: no penalty for deciding late was in force then (Awb 4:17)");
    }

    [Fact]
    public void Awb417_Tariffs_AreDatedAndCapped()
    {
        var tariffs = PenaltyTariffs.Awb417;

        tariffs.InForceOn(D(2009, 9, 30)).Should().BeNull();
        tariffs.InForceOn(D(2018, 12, 31))!.Maximum.Should().Be(1260m);
        tariffs.InForceOn(D(2019, 1, 1))!.Maximum.Should().Be(1442m);
        tariffs.InForceOn(D(2019, 1, 1))!.PerDay(14).Should().Be(23m);
        tariffs.InForceOn(D(2019, 1, 1))!.PerDay(15).Should().Be(35m);
        tariffs.InForceOn(D(2019, 1, 1))!.PerDay(42).Should().Be(45m);
    }

    [Fact]
    public void Compute_OwnTariffTable_IsUsed()
    {
        var tariffs = new PenaltyTariffs([new PenaltyTariff(D(2000, 1, 1), 1m, 2m, 3m, "test")]);

        var result = new DeadlineLedger([Received(2021, 11, 2), _validNotice, Decided(2022, 6, 1)])
            .Compute(VogNp.Term, ShippedCalendar.Calendar, tariffs: tariffs);

        result.PenaltyExposure.Should().Be(14m * 6);
    }
}
