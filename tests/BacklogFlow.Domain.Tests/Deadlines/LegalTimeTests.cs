using BacklogFlow.Domain.Deadlines;

namespace BacklogFlow.Domain.Tests.Deadlines;

public sealed class LegalTimeTests
{
    [Fact]
    public void ToLegalDate_LateEveningUtcInWinter_IsTheNextDayInAmsterdam()
    {
        LegalTime.ToLegalDate(new DateTimeOffset(2021, 11, 2, 23, 30, 0, TimeSpan.Zero)).Should().Be(new DateOnly(2021, 11, 3));
    }

    [Fact]
    public void ToLegalDate_BeforeMidnightAmsterdamInSummer_IsTheSameDay()
    {
        LegalTime.ToLegalDate(new DateTimeOffset(2021, 7, 1, 21, 59, 0, TimeSpan.Zero)).Should().Be(new DateOnly(2021, 7, 1));
        LegalTime.ToLegalDate(new DateTimeOffset(2021, 7, 1, 22, 0, 0, TimeSpan.Zero)).Should().Be(new DateOnly(2021, 7, 2));
    }

    [Fact]
    public void ToLegalDate_OtherOffset_IsConvertedToAmsterdam()
    {
        LegalTime.ToLegalDate(new DateTimeOffset(2021, 11, 2, 20, 0, 0, TimeSpan.FromHours(-5))).Should().Be(new DateOnly(2021, 11, 3));
    }
}
