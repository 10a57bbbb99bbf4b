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

    [Theory]
    [InlineData(2021, 11, 2)]
    [InlineData(2021, 7, 1)]
    [InlineData(2021, 3, 28)] // daylight saving starts
    [InlineData(2021, 10, 31)] // daylight saving ends
    [InlineData(2021, 12, 31)]
    public void Noon_AnyDate_IsNoonInAmsterdamOnThatLegalDate(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        var noon = LegalTime.Noon(date);

        LegalTime.ToLegalDate(noon).Should().Be(date);
        TimeZoneInfo.ConvertTime(noon, LegalTime.Zone).TimeOfDay.Should().Be(TimeSpan.FromHours(12));
    }

    [Fact]
    public void Noon_WinterAndSummer_CarryTheAmsterdamOffset()
    {
        LegalTime.Noon(new DateOnly(2021, 11, 2)).Offset.Should().Be(TimeSpan.FromHours(1));
        LegalTime.Noon(new DateOnly(2021, 7, 1)).Offset.Should().Be(TimeSpan.FromHours(2));
    }

    [Theory]
    [InlineData(2021, 11, 17, 2021, 11, 16, 23)]
    [InlineData(2021, 7, 2, 2021, 7, 1, 22)]
    [InlineData(2021, 3, 28, 2021, 3, 27, 23)] // daylight saving starts at 02:00 that day
    [InlineData(2021, 11, 1, 2021, 10, 31, 23)] // the day after it ended
    public void StartOf_AnyDate_IsMidnightInAmsterdamInUtc(int year, int month, int day, int utcYear, int utcMonth, int utcDay, int utcHour)
    {
        var date = new DateOnly(year, month, day);

        var start = LegalTime.StartOf(date);

        start.Should().Be(new DateTimeOffset(utcYear, utcMonth, utcDay, utcHour, 0, 0, TimeSpan.Zero));
        start.Offset.Should().Be(TimeSpan.Zero, "instants are stored in UTC");
        LegalTime.ToLegalDate(start).Should().Be(date);
        LegalTime.ToLegalDate(start.AddTicks(-1)).Should().Be(date.AddDays(-1));
    }
}
