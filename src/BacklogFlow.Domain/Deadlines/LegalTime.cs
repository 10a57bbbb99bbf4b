namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// Terms are counted in calendar days in the Netherlands: an instant becomes a date in
/// Europe/Amsterdam before any term arithmetic.
/// </summary>
public static class LegalTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly ToLegalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// The first instant of <paramref name="date"/> in Europe/Amsterdam (its midnight: daylight saving
    /// changes there at 02:00 and 03:00, never at midnight), in UTC as instants are stored.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly date) => At(date, TimeOnly.MinValue).ToUniversalTime();

    /// <summary>
    /// Noon in Europe/Amsterdam on <paramref name="date"/>: an instant whose legal date is that date,
    /// for when only the date of an event is known (noon is never skipped or repeated by daylight saving).
    /// </summary>
    public static DateTimeOffset Noon(DateOnly date) => At(date, new TimeOnly(12, 0));

    /// <summary><paramref name="time"/> on <paramref name="date"/> in Europe/Amsterdam, with that moment's offset (a time daylight saving neither skips nor repeats).</summary>
    private static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
