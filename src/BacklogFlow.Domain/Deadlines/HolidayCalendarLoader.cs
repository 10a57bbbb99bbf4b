using BacklogFlow.Domain.Workflows;
using YamlDotNet.RepresentationModel;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// Reads a holiday calendar (<c>workflows/calendars/&lt;code&gt;.calendar.yaml</c>) strictly: unknown
/// keys, wrong types, dates that are malformed or do not exist, duplicates and days that need no
/// equating (weekends, statutory holidays) are errors, reported as a
/// <see cref="WorkflowDefinitionException"/> at the line and column of the offending node. The format
/// is documented in workflows/README.md.
/// </summary>
public static class HolidayCalendarLoader
{
    /// <summary>Every calendar file's name ends with this; the part before it is the calendar's code.</summary>
    public const string FileSuffix = ".calendar.yaml";

    private static readonly string[] _topLevelKeys = ["calendar", "name", "goodFriday", "equatedDays"];
    private static readonly string[] _equatedDayKeys = ["date", "note"];

    /// <summary>
    /// Parses and validates one calendar. <paramref name="fileName"/> is used in messages; when it names
    /// a <c>*.calendar.yaml</c> file, the calendar code must match the name before the suffix.
    /// </summary>
    public static HolidayCalendar LoadText(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        var reader = new YamlNodeReader(fileName);
        var top = reader.Mapping(
            reader.ReadSingleDocument(yaml, "a holiday calendar", "a calendar file"), "holiday calendar", "", _topLevelKeys);

        var codeNode = top.Required("calendar");
        var code = reader.Code(codeNode, "calendar");
        RequireCodeMatchesFileName(reader, codeNode, code);
        reader.Text(top.Required("name"), "name");
        var goodFriday = top.Optional("goodFriday") is not { } goodFridayNode || reader.Boolean(goodFridayNode, "goodFriday");
        var equatedDays = ReadEquatedDays(reader, top, goodFriday);
        return new HolidayCalendar(equatedDays, goodFriday, code);
    }

    /// <summary>Loads one file; messages name the path as given.</summary>
    public static HolidayCalendar LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return LoadText(File.ReadAllText(path), path);
    }

    private static List<EquatedDay> ReadEquatedDays(YamlNodeReader reader, YamlMappingReader top, bool goodFriday)
    {
        var sequence = reader.Sequence(top.Required("equatedDays"), "equatedDays");
        var statutory = new HolidayCalendar([], goodFriday);
        var days = new List<EquatedDay>();
        var lines = new Dictionary<DateOnly, long>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var entry = reader.Mapping(sequence.Children[i], "equated day", $"equatedDays[{i}]", _equatedDayKeys);
            var dateNode = entry.Required("date");
            var date = reader.Date(dateNode, entry.PathOf("date"));
            if (date.Year is < HolidayCalendar.MinYear or > HolidayCalendar.MaxYear)
            {
                throw reader.Error(
                    dateNode, $"{date:yyyy-MM-dd} is outside the years the calendar covers ({HolidayCalendar.MinYear}–{HolidayCalendar.MaxYear})");
            }

            if (lines.TryGetValue(date, out var firstLine))
            {
                throw reader.Error(dateNode, $"{date:yyyy-MM-dd} is listed twice (first at line {firstLine})");
            }

            if (statutory.NonWorkingReason(date) is { } reason)
            {
                throw reader.Error(
                    dateNode,
                    $"{date:yyyy-MM-dd} is not a working day ({reason}); only a working day can be equated with a holiday");
            }

            var note = reader.Text(entry.Required("note"), entry.PathOf("note")).Trim();
            lines.Add(date, dateNode.Start.Line);
            days.Add(new EquatedDay(date, note));
        }

        return days;
    }

    private static void RequireCodeMatchesFileName(YamlNodeReader reader, YamlNode codeNode, string code)
    {
        var fileName = Path.GetFileName(reader.File);
        if (!fileName.EndsWith(FileSuffix, StringComparison.Ordinal))
        {
            return;
        }

        var expected = fileName[..^FileSuffix.Length];
        if (!string.Equals(expected, code, StringComparison.Ordinal))
        {
            throw reader.Error(
                codeNode,
                $"calendar '{code}' does not match the file name '{fileName}'; "
                + $"a calendar '{code}' must be in '{code}{FileSuffix}'");
        }
    }
}
