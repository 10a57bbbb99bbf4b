using BacklogFlow.Domain.Deadlines;

namespace BacklogFlow.Domain.Tests.Deadlines;

public sealed class HolidayCalendarTests
{
    private static readonly HolidayCalendar _statutory = HolidayCalendar.StatutoryOnly;

    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2021, 4, 4)]
    [InlineData(2022, 4, 17)]
    [InlineData(2023, 4, 9)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void EasterSunday_KnownYears_IsTheGregorianEaster(int year, int month, int day)
    {
        var easter = HolidayCalendar.EasterSunday(year);

        easter.Should().Be(new DateOnly(year, month, day));
        easter.DayOfWeek.Should().Be(DayOfWeek.Sunday);
    }

    // Good Friday, Easter Monday, Ascension Day (Easter + 39), Whit Monday (Easter + 50).
    [Theory]
    [InlineData(2021, "2021-04-02", "2021-04-05", "2021-05-13", "2021-05-24")]
    [InlineData(2022, "2022-04-15", "2022-04-18", "2022-05-26", "2022-06-06")]
    [InlineData(2023, "2023-04-07", "2023-04-10", "2023-05-18", "2023-05-29")]
    [InlineData(2024, "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17")]
    [InlineData(2028, "2028-04-14", "2028-04-17", "2028-05-25", "2028-06-05")]
    public void HolidayName_EasterBasedHolidays_AreNamed(
        int year, string goodFriday, string easterMonday, string ascension, string whitMonday)
    {
        DateOnly.Parse(goodFriday).Year.Should().Be(year);
        _statutory.HolidayName(DateOnly.Parse(goodFriday)).Should().Be("Good Friday");
        _statutory.HolidayName(DateOnly.Parse(easterMonday)).Should().Be("Easter Monday");
        _statutory.HolidayName(DateOnly.Parse(ascension)).Should().Be("Ascension Day");
        _statutory.HolidayName(DateOnly.Parse(whitMonday)).Should().Be("Whit Monday");
        DateOnly.Parse(goodFriday).DayOfWeek.Should().Be(DayOfWeek.Friday);
        DateOnly.Parse(easterMonday).DayOfWeek.Should().Be(DayOfWeek.Monday);
        DateOnly.Parse(ascension).DayOfWeek.Should().Be(DayOfWeek.Thursday);
        DateOnly.Parse(whitMonday).DayOfWeek.Should().Be(DayOfWeek.Monday);
    }

    [Theory]
    [InlineData(2021, 27)]
    [InlineData(2022, 27)]
    [InlineData(2023, 27)]
    [InlineData(2024, 27)]
    [InlineData(2025, 26)]
    [InlineData(2026, 27)]
    [InlineData(2031, 26)]
    [InlineData(2014, 26)]
    public void MonarchsDay_KingsDay_Is27AprilOr26WhenThe27thIsASunday(int year, int day)
    {
        var kingsDay = HolidayCalendar.MonarchsDay(year);

        kingsDay.Should().Be(new DateOnly(year, 4, day));
        _statutory.HolidayName(kingsDay).Should().Be("King's Day");
        _statutory.IsHoliday(new DateOnly(year, 4, day == 27 ? 26 : 27)).Should().BeFalse();
    }

    [Fact]
    public void HolidayName_2025_KingsDayIsSaturday26April()
    {
        new DateOnly(2025, 4, 27).DayOfWeek.Should().Be(DayOfWeek.Sunday);
        _statutory.HolidayName(new DateOnly(2025, 4, 26)).Should().Be("King's Day");
        _statutory.IsHoliday(new DateOnly(2025, 4, 27)).Should().BeFalse("27 April 2025 is a Sunday, not King's Day");
        _statutory.IsNonWorkingDay(new DateOnly(2025, 4, 27)).Should().BeTrue("it is still a Sunday");
    }

    [Theory]
    [InlineData(2006, 29)]
    [InlineData(2013, 30)]
    public void MonarchsDay_Before2014_IsQueensDay(int year, int day)
    {
        _statutory.HolidayName(new DateOnly(year, 4, day)).Should().Be("Queen's Day");
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    public void HolidayName_FixedDates_AreHolidaysEveryYear(int year)
    {
        _statutory.HolidayName(new DateOnly(year, 1, 1)).Should().Be("New Year's Day");
        _statutory.HolidayName(new DateOnly(year, 5, 5)).Should().Be("Liberation Day (5 May)");
        _statutory.HolidayName(new DateOnly(year, 12, 25)).Should().Be("Christmas Day");
        _statutory.HolidayName(new DateOnly(year, 12, 26)).Should().Be("Boxing Day");
        _statutory.IsHoliday(new DateOnly(year, 12, 24)).Should().BeFalse();
        _statutory.IsHoliday(new DateOnly(year, 12, 31)).Should().BeFalse();
    }

    [Fact]
    public void HolidayName_AscensionDayOn5May_NamesBoth()
    {
        HolidayCalendar.EasterSunday(2016).AddDays(39).Should().Be(new DateOnly(2016, 5, 5));

        _statutory.HolidayName(new DateOnly(2016, 5, 5)).Should().Be("Liberation Day (5 May) and Ascension Day");
    }

    [Fact]
    public void HolidaysIn_2025_ListsEveryStatutoryHolidayInOrder()
    {
        _statutory.HolidaysIn(2025).Should().Equal(
            new Holiday(new DateOnly(2025, 1, 1), "New Year's Day"),
            new Holiday(new DateOnly(2025, 4, 18), "Good Friday"),
            new Holiday(new DateOnly(2025, 4, 21), "Easter Monday"),
            new Holiday(new DateOnly(2025, 4, 26), "King's Day"),
            new Holiday(new DateOnly(2025, 5, 5), "Liberation Day (5 May)"),
            new Holiday(new DateOnly(2025, 5, 29), "Ascension Day"),
            new Holiday(new DateOnly(2025, 6, 9), "Whit Monday"),
            new Holiday(new DateOnly(2025, 12, 25), "Christmas Day"),
            new Holiday(new DateOnly(2025, 12, 26), "Boxing Day"));
    }

    [Fact]
    public void IsHoliday_GoodFridaySwitchedOff_IsNotAHoliday()
    {
        var calendar = new HolidayCalendar([], includeGoodFriday: false);

        calendar.IsHoliday(new DateOnly(2025, 4, 18)).Should().BeFalse();
        calendar.IsHoliday(new DateOnly(2025, 4, 21)).Should().BeTrue();
        calendar.HolidaysIn(2025).Should().HaveCount(8);
    }

    [Fact]
    public void IsNonWorkingDay_WeekendsAndHolidays_AreNonWorking()
    {
        _statutory.IsNonWorkingDay(new DateOnly(2021, 11, 27)).Should().BeTrue("a Saturday");
        _statutory.IsNonWorkingDay(new DateOnly(2021, 11, 28)).Should().BeTrue("a Sunday");
        _statutory.IsNonWorkingDay(new DateOnly(2021, 12, 27)).Should().BeFalse("a Monday, not a holiday");
        _statutory.IsHoliday(new DateOnly(2021, 11, 27)).Should().BeFalse("a Saturday is not a holiday");
        _statutory.HolidayName(new DateOnly(2021, 11, 29)).Should().BeNull();
    }

    [Fact]
    public void NextWorkingDayFrom_ChristmasWeekend2021_IsMonday27December()
    {
        _statutory.NextWorkingDayFrom(new DateOnly(2021, 12, 25)).Should().Be(new DateOnly(2021, 12, 27));
        _statutory.NonWorkingReason(new DateOnly(2021, 12, 26)).Should().Be("Sunday, Boxing Day");
        _statutory.NextWorkingDayFrom(new DateOnly(2021, 11, 30)).Should().Be(new DateOnly(2021, 11, 30));
    }

    [Fact]
    public void NextWorkingDayFrom_EasterWeekend_SkipsGoodFridayToTuesday()
    {
        _statutory.NextWorkingDayFrom(new DateOnly(2025, 4, 18)).Should().Be(new DateOnly(2025, 4, 22));
    }

    [Fact]
    public void Constructor_EquatedDays_AreHolidaysWithTheirNote()
    {
        var calendar = new HolidayCalendar([new EquatedDay(new DateOnly(2025, 5, 30), "bridge day")]);

        calendar.HolidayName(new DateOnly(2025, 5, 30)).Should().Be("equated with a holiday by Royal Decree (bridge day)");
        calendar.NextWorkingDayFrom(new DateOnly(2025, 5, 29)).Should().Be(new DateOnly(2025, 6, 2));
        _statutory.IsHoliday(new DateOnly(2025, 5, 30)).Should().BeFalse();
    }

    [Fact]
    public void Constructor_EquatingASaturdayOrAHoliday_Throws()
    {
        var saturday = () => new HolidayCalendar([new EquatedDay(new DateOnly(2025, 5, 31), "x")]);
        var holiday = () => new HolidayCalendar([new EquatedDay(new DateOnly(2025, 5, 29), "x")]);
        var twice = () => new HolidayCalendar(
            [new EquatedDay(new DateOnly(2025, 5, 30), "x"), new EquatedDay(new DateOnly(2025, 5, 30), "y")]);

        saturday.Should().Throw<ArgumentException>();
        holiday.Should().Throw<ArgumentException>();
        twice.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void IsHoliday_YearOutsideTheCalendar_Throws()
    {
        var act = () => _statutory.IsHoliday(new DateOnly(1980, 1, 1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
