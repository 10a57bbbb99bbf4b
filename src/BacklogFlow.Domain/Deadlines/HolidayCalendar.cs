using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// The generally recognised holidays of the Algemene termijnenwet (Atw) for any year from
/// <see cref="MinYear"/>: art. 3(1) New Year's Day, Easter Monday, Ascension Day, Whit Monday,
/// Christmas Day, Boxing Day, the day the King's birthday is celebrated (27 April; 26 April when the
/// 27th is a Sunday; before 2014 Queen's Day, 30 April or 29 April when that is a Sunday) and 5 May
/// (every year); art. 3(2) Good Friday (switchable, see <see cref="IncludesGoodFriday"/>); and the
/// days equated by Royal Decree under art. 3(3), which are data (<see cref="EquatedDays"/>, loaded from
/// workflows/calendars/*.calendar.yaml). Easter is computed with the anonymous Gregorian algorithm.
/// Thread-safe: a year's holidays are computed once, on first use.
/// </summary>
public sealed class HolidayCalendar
{
    /// <summary>The first year the rules here describe (Queen's Day on 30/29 April, 5 May in the Atw).</summary>
    public const int MinYear = 1990;

    /// <summary>The last year; leaves room for term arithmetic past it.</summary>
    public const int MaxYear = 9990;

    private const int FirstKingsDayYear = 2014;

    private readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, string>> _byYear = new();

    /// <summary>
    /// A calendar with the given equated days. Each must be a weekday that is not already a holiday
    /// and must not be listed twice (<see cref="HolidayCalendarLoader"/> reports these with a position).
    /// </summary>
    public HolidayCalendar(IEnumerable<EquatedDay> equatedDays, bool includeGoodFriday = true, string name = "")
    {
        ArgumentNullException.ThrowIfNull(equatedDays);
        ArgumentNullException.ThrowIfNull(name);
        IncludesGoodFriday = includeGoodFriday;
        Name = name;
        var equated = new Dictionary<DateOnly, EquatedDay>();
        foreach (var day in equatedDays)
        {
            ArgumentNullException.ThrowIfNull(day);
            RequireSupported(day.Date);
            if (!equated.TryAdd(day.Date, day))
            {
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} is equated with a holiday twice.", nameof(equatedDays));
            }

            if (IsWeekend(day.Date) || StatutoryHolidayName(day.Date, includeGoodFriday) is not null)
            {
                throw new ArgumentException(
                    $"{day.Date:yyyy-MM-dd} is already a Saturday, Sunday or holiday; equating it changes nothing.",
                    nameof(equatedDays));
            }
        }

        EquatedDays = [.. equated.Values.OrderBy(d => d.Date)];
    }

    /// <summary>The statutory holidays only (Good Friday included), without any day equated by decree.</summary>
    public static HolidayCalendar StatutoryOnly { get; } = new([], includeGoodFriday: true, name: "statutory holidays only");

    /// <summary>For messages: the calendar's code or file.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether Good Friday counts. Atw art. 3(2) equates it with the holidays of art. 3(1), so this is
    /// true unless a calendar file says <c>goodFriday: false</c>.
    /// </summary>
    public bool IncludesGoodFriday { get; }

    /// <summary>The days equated by Royal Decree, in date order.</summary>
    public IReadOnlyList<EquatedDay> EquatedDays { get; }

    /// <summary>Easter Sunday (Gregorian calendar; anonymous algorithm, also known as Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The day the monarch's birthday is celebrated, as the Atw counts it.</summary>
    public static DateOnly MonarchsDay(int year)
    {
        RequireSupported(year);
        var date = new DateOnly(year, 4, year >= FirstKingsDayYear ? 27 : 30);
        return date.DayOfWeek == DayOfWeek.Sunday ? date.AddDays(-1) : date;
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>A generally recognised holiday or a day equated with one (not a plain weekend day).</summary>
    public bool IsHoliday(DateOnly date) => HolidayName(date) is not null;

    /// <summary>A Saturday, a Sunday or a holiday: a day on which an Atw term cannot end.</summary>
    public bool IsNonWorkingDay(DateOnly date) => IsWeekend(date) || IsHoliday(date);

    /// <summary>The holiday's name, or null when the date is not a holiday.</summary>
    public string? HolidayName(DateOnly date)
    {
        RequireSupported(date);
        return HolidaysOf(date.Year).GetValueOrDefault(date);
    }

    /// <summary>Every holiday of the year, in date order.</summary>
    public IReadOnlyList<Holiday> HolidaysIn(int year)
    {
        RequireSupported(year);
        return [.. HolidaysOf(year).OrderBy(p => p.Key).Select(p => new Holiday(p.Key, p.Value))];
    }

    /// <summary>
    /// Atw art. 1(1): <paramref name="date"/> itself when it is a working day, otherwise the next day
    /// that is not a Saturday, Sunday or holiday.
    /// </summary>
    public DateOnly NextWorkingDayFrom(DateOnly date)
    {
        var day = date;
        while (IsNonWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Why a day is not a working day ("Saturday", "Sunday, Boxing Day"), or null when it is one.</summary>
    public string? NonWorkingReason(DateOnly date)
    {
        var holiday = HolidayName(date);
        var weekend = IsWeekend(date) ? date.DayOfWeek.ToString() : null;
        return (weekend, holiday) switch
        {
            (null, null) => null,
            ({ } w, null) => w,
            (null, { } h) => h,
            ({ } w, { } h) => $"{w}, {h}",
        };
    }

    private FrozenDictionary<DateOnly, string> HolidaysOf(int year) => _byYear.GetOrAdd(year, Build);

    private FrozenDictionary<DateOnly, string> Build(int year)
    {
        var names = new Dictionary<DateOnly, string>();
        foreach (var (date, name) in StatutoryHolidays(year, IncludesGoodFriday))
        {
            names[date] = names.TryGetValue(date, out var earlier) ? $"{earlier} and {name}" : name;
        }

        foreach (var day in EquatedDays.Where(d => d.Date.Year == year))
        {
            names[day.Date] = $"equated with a holiday by Royal Decree ({day.Note})";
        }

        return names.ToFrozenDictionary();
    }

    private static string? StatutoryHolidayName(DateOnly date, bool includeGoodFriday)
    {
        string? found = null;
        foreach (var (day, name) in StatutoryHolidays(date.Year, includeGoodFriday))
        {
            if (day == date)
            {
                found = found is null ? name : $"{found} and {name}";
            }
        }

        return found;
    }

    private static IEnumerable<(DateOnly Date, string Name)> StatutoryHolidays(int year, bool includeGoodFriday)
    {
        var easter = EasterSunday(year);
        yield return (new DateOnly(year, 1, 1), "New Year's Day");
        if (includeGoodFriday)
        {
            yield return (easter.AddDays(-2), "Good Friday");
        }

        yield return (easter.AddDays(1), "Easter Monday");
        yield return (MonarchsDay(year), year >= FirstKingsDayYear ? "King's Day" : "Queen's Day");
        yield return (new DateOnly(year, 5, 5), "Liberation Day (5 May)");
        yield return (easter.AddDays(39), "Ascension Day");
        yield return (easter.AddDays(50), "Whit Monday");
        yield return (new DateOnly(year, 12, 25), "Christmas Day");
        yield return (new DateOnly(year, 12, 26), "Boxing Day");
    }

    private static void RequireSupported(DateOnly date) => RequireSupported(date.Year);

    private static void RequireSupported(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year), year, $"The holiday calendar covers the years {MinYear} to {MaxYear}.");
        }
    }
}
