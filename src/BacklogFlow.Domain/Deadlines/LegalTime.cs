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
}
