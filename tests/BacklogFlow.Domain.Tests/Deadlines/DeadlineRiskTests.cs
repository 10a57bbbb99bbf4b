using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

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
}
