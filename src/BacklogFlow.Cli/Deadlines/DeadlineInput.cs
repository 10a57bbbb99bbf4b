using System.Globalization;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Cli.Deadlines;

/// <summary>
/// Reads the values of `backlogflow deadline`'s options. Only the syntax is checked here (a date is a
/// real date, a suspension is FROM..TO[:REASON][@NOTICE], a reason is one of the spellings of
/// <see cref="YamlSpellings"/>); whether the law allows what they describe is for the domain to say.
/// </summary>
internal static class DeadlineInput
{
    public const string SuspensionSyntax = "FROM..TO[:REASON][@NOTICE]";

    /// <summary>A date written yyyy-MM-dd that exists (2021-02-30 does not).</summary>
    public static DateOnly Date(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DeadlineInputException($"{option} '{text}' is not a date: write yyyy-MM-dd, a day that exists");
    }

    public static DateOnly? OptionalDate(string option, string? text) => text is null ? null : Date(option, text);

    /// <summary>
    /// One <c>--suspend</c>: <c>FROM..TO</c> (both days inclusive), optionally <c>:REASON</c>
    /// (default <c>request-to-complete</c>) and <c>@NOTICE</c>, the date the applicant was told (required
    /// by the domain for <c>force-majeure</c>).
    /// </summary>
    public static ClockSuspended Suspension(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var what = $"--suspend '{text}'";
        var rest = text.Trim();
        DateOnly? notice = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            notice = Date($"{what}: the notice date", rest[(at + 1)..]);
            rest = rest[..at];
        }

        var reason = SuspensionReason.RequestToComplete;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var spelling = rest[(colon + 1)..].Trim();
            if (!YamlSpellings.TryParse(spelling, out reason))
            {
                throw new DeadlineInputException(
                    $"{what}: unknown reason '{spelling}'; the reasons are {string.Join(", ", YamlSpellings.SuspensionReasons)}");
            }

            rest = rest[..colon];
        }

        var bounds = rest.Split("..");
        if (bounds.Length != 2)
        {
            throw new DeadlineInputException(
                $"{what} is not a suspension: write {SuspensionSyntax}, e.g. 2021-11-05..2021-11-12:request-to-complete");
        }

        return new ClockSuspended(Date($"{what}: the first day", bounds[0]), Date($"{what}: the last day", bounds[1]), reason, notice);
    }

    /// <summary>A whole number of weeks; whether it is allowed (at least one, within the cap) is the domain's to say.</summary>
    public static int Weeks(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weeks)
            ? weeks
            : throw new DeadlineInputException($"{option} '{text}' is not a whole number of weeks");
    }
}
