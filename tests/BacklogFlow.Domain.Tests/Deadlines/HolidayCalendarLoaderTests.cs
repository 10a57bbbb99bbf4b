using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Tests.TestSupport;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Tests.Deadlines;

public sealed class HolidayCalendarLoaderTests
{
    private const string FileName = "sample.calendar.yaml";

    // Line numbers in the tests refer to this text (line 1 is "calendar: sample").
    private const string Valid = """
        calendar: sample
        name: Sample calendar
        goodFriday: true
        equatedDays:
          - date: 2025-05-30
            note: Friday after Ascension Day
          - date: 2026-01-02
            note: Friday after New Year's Day

        """;

    public static TheoryData<string, string> EquatedDaysOfTheShippedCalendar => new()
    {
        { "2023-04-28", "King's Day" },
        { "2023-05-19", "Ascension Day" },
        { "2024-05-10", "Ascension Day" },
        { "2024-12-27", "Boxing Day" },
        { "2025-05-30", "Ascension Day" },
        { "2026-01-02", "New Year's Day" },
        { "2026-05-15", "Ascension Day" },
        { "2027-05-07", "Ascension Day" },
        { "2028-04-28", "King's Day" },
        { "2028-05-26", "Ascension Day" },
    };

    [Fact]
    public void LoadFile_ShippedCalendar_HasTheTenRoyalDecreeDays()
    {
        var calendar = HolidayCalendarLoader.LoadFile(ShippedCalendar.Path);

        calendar.Name.Should().Be("nl-atw");
        calendar.IncludesGoodFriday.Should().BeTrue();
        calendar.EquatedDays.Select(d => d.Date.ToString("yyyy-MM-dd")).Should().Equal(
            "2023-04-28", "2023-05-19", "2024-05-10", "2024-12-27", "2025-05-30",
            "2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26");
        calendar.EquatedDays.Should().OnlyContain(d => d.Note.Length > 0);
    }

    [Theory]
    [MemberData(nameof(EquatedDaysOfTheShippedCalendar))]
    public void IsHoliday_ShippedRoyalDecreeDay_IsABridgeFridayAndAHoliday(string date, string holidayBefore)
    {
        var day = DateOnly.Parse(date);
        var calendar = ShippedCalendar.Calendar;

        day.DayOfWeek.Should().Be(DayOfWeek.Friday);
        calendar.IsHoliday(day).Should().BeTrue();
        calendar.HolidayName(day).Should().StartWith("equated with a holiday by Royal Decree");
        HolidayCalendar.StatutoryOnly.IsHoliday(day).Should().BeFalse();
        calendar.HolidayName(day.AddDays(-1)).Should().Contain(holidayBefore);
        calendar.NextWorkingDayFrom(day.AddDays(-1)).DayOfWeek.Should().Be(DayOfWeek.Monday);
    }

    [Fact]
    public void LoadText_ValidSample_ReadsEveryKey()
    {
        var calendar = HolidayCalendarLoader.LoadText(Valid, FileName);

        calendar.Name.Should().Be("sample");
        calendar.EquatedDays.Should().Equal(
            new EquatedDay(new DateOnly(2025, 5, 30), "Friday after Ascension Day"),
            new EquatedDay(new DateOnly(2026, 1, 2), "Friday after New Year's Day"));
    }

    [Fact]
    public void LoadText_GoodFridayOmittedOrFalse_DefaultsToTrueAndCanBeSwitchedOff()
    {
        HolidayCalendarLoader.LoadText(Valid.Replace("goodFriday: true\n", "", StringComparison.Ordinal), FileName)
            .IncludesGoodFriday.Should().BeTrue();
        var without = HolidayCalendarLoader.LoadText(Valid.Replace("goodFriday: true", "goodFriday: false", StringComparison.Ordinal), FileName);

        without.IncludesGoodFriday.Should().BeFalse();
        without.IsHoliday(new DateOnly(2025, 4, 18)).Should().BeFalse();
    }

    [Fact]
    public void LoadText_EmptyEquatedDays_IsAccepted()
    {
        var calendar = HolidayCalendarLoader.LoadText("calendar: sample\nname: x\nequatedDays: []\n", FileName);

        calendar.EquatedDays.Should().BeEmpty();
    }

    [Theory]
    [InlineData("goodFriday: true", "goodfriday: true", 3, 1, "unknown key 'goodfriday' in holiday calendar; expected one of: calendar, name, goodFriday, equatedDays")]
    [InlineData("    note: Friday after Ascension Day", "    note: Friday after Ascension Day\n    holiday: true", 7, 5, "unknown key 'holiday' in equated day; expected one of: date, note")]
    [InlineData("2025-05-30", "2025-02-30", 5, 11, "'equatedDays[0].date' is not a date that exists: '2025-02-30'")]
    [InlineData("2025-05-30", "30-05-2025", 5, 11, "'equatedDays[0].date' must be a date written YYYY-MM-DD, not '30-05-2025'")]
    [InlineData("2025-05-30", "2025-5-30", 5, 11, "'equatedDays[0].date' must be a date written YYYY-MM-DD, not '2025-5-30'")]
    [InlineData("2026-01-02", "2025-05-30", 7, 11, "2025-05-30 is listed twice (first at line 5)")]
    [InlineData("2025-05-30", "2025-05-31", 5, 11, "2025-05-31 is not a working day (Saturday); only a working day can be equated with a holiday")]
    [InlineData("2025-05-30", "2025-05-29", 5, 11, "2025-05-29 is not a working day (Ascension Day); only a working day can be equated with a holiday")]
    [InlineData("2025-05-30", "1975-05-30", 5, 11, "1975-05-30 is outside the years the calendar covers (1990–9990)")]
    [InlineData("    note: Friday after Ascension Day\n", "", 5, 5, "missing required key 'note' in equated day starting at line 5")]
    [InlineData("goodFriday: true", "goodFriday: sometimes", 3, 13, "'goodFriday' must be true or false, not 'sometimes'")]
    [InlineData("calendar: sample", "calendar: other", 1, 11, "calendar 'other' does not match the file name 'sample.calendar.yaml'; a calendar 'other' must be in 'other.calendar.yaml'")]
    [InlineData("name: Sample calendar", "name: [Sample", 2, 7, "YAML syntax error: the text after this point cannot be parsed (is a '[', '{' or quote left unclosed?)")]
    public void LoadText_BrokenSample_FailsAtTheOffendingNode(string original, string replacement, long line, long column, string problem)
    {
        var yaml = Valid.Replace(original, replacement, StringComparison.Ordinal);
        yaml.Should().NotBe(Valid);

        var error = LoadFails(yaml);

        error.Problem.Should().Be(problem);
        (error.Line, error.Column).Should().Be((line, column));
        error.Message.Should().Be($"{FileName}:{line}:{column}: {problem}");
    }

    [Fact]
    public void LoadText_EmptyFile_SaysAHolidayCalendarWasExpected()
    {
        LoadFails("").Problem.Should().Be("the file is empty; expected a holiday calendar");
    }

    [Fact]
    public void LoadText_MissingEquatedDays_IsAnError()
    {
        var error = LoadFails("calendar: sample\nname: x\n");

        error.Problem.Should().Be("missing required key 'equatedDays' in holiday calendar starting at line 1");
    }

    [Fact]
    public void LoadFile_BrokenFile_NamesThePath()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("calendars/broken.calendar.yaml", "calendar: broken\nname: x\nequatedDays:\n  - date: 2025-13-01\n    note: x\n");

        var act = () => HolidayCalendarLoader.LoadFile(path);

        act.Should().Throw<WorkflowDefinitionException>()
            .Which.Message.Should().Be($"{path}:4:11: 'equatedDays[0].date' is not a date that exists: '2025-13-01'");
    }

    private static WorkflowDefinitionException LoadFails(string yaml)
    {
        var act = () => HolidayCalendarLoader.LoadText(yaml, FileName);
        return act.Should().Throw<WorkflowDefinitionException>().Which;
    }
}
