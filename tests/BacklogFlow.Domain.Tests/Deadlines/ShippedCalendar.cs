using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Tests.TestSupport;

namespace BacklogFlow.Domain.Tests.Deadlines;

/// <summary>The calendar shipped in workflows/calendars/, loaded once for the deadline tests.</summary>
public static class ShippedCalendar
{
    private static readonly Lazy<HolidayCalendar> _calendar = new(() => HolidayCalendarLoader.LoadFile(Path));

    public static string Path => System.IO.Path.Combine(Repository.WorkflowsDirectory, "calendars", "nl-atw.calendar.yaml");

    public static HolidayCalendar Calendar => _calendar.Value;
}
