using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using FsCheck;
using FsCheck.Fluent;

namespace BacklogFlow.Domain.Tests.Deadlines;

public sealed class DeadlineRiskTests
{
    private static readonly DeadlineWarning[] Warnings = [new("due-soon", 7, null), new("at-risk", 3, "at-risk")];
    private static readonly DateOnly Due = new(2021, 12, 28);

    [Theory]
    [InlineData(8, null, false)]
    [InlineData(7, "due-soon", false)]
    [InlineData(4, "due-soon", false)]
    [InlineData(3, "at-risk", false)]
    [InlineData(0, "at-risk", false)]
    [InlineData(-1, "at-risk", true)]
    public void Assess_DaysLeft_NarrowestThresholdReachedAndBreachAfterTheDeadline(int daysLeft, string? warning, bool breached)
    {
        var risk = DeadlineRisk.Assess(Due, Due, Due.AddDays(-daysLeft), Warnings);

        risk.Warning?.Name.Should().Be(warning);
        (risk.Warning is null).Should().Be(warning is null);
        risk.Breached.Should().Be(breached);
    }

    [Fact]
    public void Assess_PromiseEarlierThanTheLegalDeadline_WarnsByThePromiseButBreachesOnlyTheLaw()
    {
        var promise = Due.AddDays(-20);

        var risk = DeadlineRisk.Assess(promise, Due, promise.AddDays(1), Warnings);

        risk.Warning!.Name.Should().Be("at-risk", "the promise has passed");
        risk.Breached.Should().BeFalse("the legal deadline is still weeks away");
    }

    [Fact]
    public void Bands_WidestFirst_EachDueDateInTheBandOfItsNarrowestThreshold()
    {
        var today = Due.AddDays(-30);

        var bands = DeadlineRisk.Bands(Warnings, today);

        bands.Should().Equal(
            new WarningBand(Warnings[0], today.AddDays(4), today.AddDays(7)),
            new WarningBand(Warnings[1], null, today.AddDays(3)));
    }

    [Fact]
    public void Bands_ThresholdShadowedByANarrowerOneListedAfterIt_NoBand()
    {
        // Listed narrowest first: the wider one listed last is the last reached wherever both are.
        DeadlineWarning[] reversed = [Warnings[1], Warnings[0]];

        DeadlineRisk.Bands(reversed, Due).Should().Equal(new WarningBand(Warnings[0], null, Due.AddDays(7)));
    }

    [Fact]
    public void Bands_AnyThresholdsAnyDueDate_TheNarrowestThresholdReachedAndNothingElse()
    {
        // The rule as the definition states it, case by case: the last listed threshold reached.
        var thresholds = Gen.Choose(-3, 20).ArrayOf().Select(days => days.Select((d, i) => new DeadlineWarning($"w{i}", d, null)).ToArray());
        var property = Prop.ForAll(thresholds.ToArbitrary(), Gen.Choose(-30, 40).ToArbitrary(), (warnings, daysLeft) =>
        {
            var due = Due.AddDays(daysLeft);
            var holding = DeadlineRisk.Bands(warnings, Due).Where(b => b.Holds(due)).Select(b => b.Warning).ToList();
            var reached = warnings.LastOrDefault(w => daysLeft <= w.DaysLeft);
            return reached is null ? holding.Count == 0 : holding.Count == 1 && holding[0] == reached;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }
}
