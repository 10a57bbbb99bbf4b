using System.Globalization;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// How dates and amounts are written in applied rules, and by anything that shows them beside those
/// rules (the CLI): "Tue 2 Nov 2021", "5–7 Nov 2021", "€1,442".
/// </summary>
public static class LegalDates
{
    public static string Format(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Range(DateOnly from, DateOnly to)
    {
        if (from == to)
        {
            return to.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        }

        var start = from.Year != to.Year ? "d MMM yyyy" : from.Month != to.Month ? "d MMM" : "%d";
        return $"{from.ToString(start, CultureInfo.InvariantCulture)}–{to.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
    }

    public static string Money(decimal amount) => "€" + amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    public static string Weeks(int weeks) => weeks == 1 ? "1 week" : $"{weeks} weeks";

    public static string Describe(SuspensionReason reason) => reason switch
    {
        SuspensionReason.RequestToComplete => "request to complete",
        SuspensionReason.ApplicantConsent => "applicant's consent",
        SuspensionReason.AttributableToApplicant => "attributable to the applicant",
        SuspensionReason.ForceMajeure => "force majeure",
        _ => reason.ToString(),
    };
}
