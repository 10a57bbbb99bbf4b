using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Screening;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// The one table of how domain enums are spelled in workflow files (and anywhere else that writes
/// them as text): <c>no-record</c>/<c>record</c>, <c>issue</c>/<c>refuse</c>/<c>withdrawn</c>,
/// <c>mandatory</c>/<c>not-mandatory</c>/<c>unknown</c>, and the suspension reasons
/// <c>request-to-complete</c>/<c>applicant-consent</c>/<c>attributable-to-applicant</c>/<c>force-majeure</c>.
/// Spellings are explicit, not derived from the member names, so renaming an enum member never
/// silently changes the file format.
/// </summary>
public static class YamlSpellings
{
    private static readonly KeyValuePair<ScreeningResult, string>[] _screeningResults =
    [
        new(ScreeningResult.NoRecord, "no-record"),
        new(ScreeningResult.Record, "record"),
    ];

    private static readonly KeyValuePair<DecisionOutcome, string>[] _outcomes =
    [
        new(DecisionOutcome.Issue, "issue"),
        new(DecisionOutcome.Refuse, "refuse"),
        new(DecisionOutcome.Withdrawn, "withdrawn"),
    ];

    private static readonly KeyValuePair<MandatoryStatus, string>[] _mandatoryStatuses =
    [
        new(MandatoryStatus.Mandatory, "mandatory"),
        new(MandatoryStatus.NotMandatory, "not-mandatory"),
        new(MandatoryStatus.Unknown, "unknown"),
    ];

    private static readonly KeyValuePair<SuspensionReason, string>[] _suspensionReasons =
    [
        new(SuspensionReason.RequestToComplete, "request-to-complete"),
        new(SuspensionReason.ApplicantConsent, "applicant-consent"),
        new(SuspensionReason.AttributableToApplicant, "attributable-to-applicant"),
        new(SuspensionReason.ForceMajeure, "force-majeure"),
    ];

    public static IReadOnlyList<string> ScreeningResults { get; } = [.. _screeningResults.Select(p => p.Value)];

    public static IReadOnlyList<string> Outcomes { get; } = [.. _outcomes.Select(p => p.Value)];

    public static IReadOnlyList<string> MandatoryStatuses { get; } = [.. _mandatoryStatuses.Select(p => p.Value)];

    public static IReadOnlyList<string> SuspensionReasons { get; } = [.. _suspensionReasons.Select(p => p.Value)];

    public static string Of(ScreeningResult value) => SpellingOf(_screeningResults, value);

    public static string Of(DecisionOutcome value) => SpellingOf(_outcomes, value);

    public static string Of(MandatoryStatus value) => SpellingOf(_mandatoryStatuses, value);

    public static string Of(SuspensionReason value) => SpellingOf(_suspensionReasons, value);

    public static bool TryParse(string spelling, out ScreeningResult value) => TryParse(_screeningResults, spelling, out value);

    public static bool TryParse(string spelling, out DecisionOutcome value) => TryParse(_outcomes, spelling, out value);

    public static bool TryParse(string spelling, out MandatoryStatus value) => TryParse(_mandatoryStatuses, spelling, out value);

    public static bool TryParse(string spelling, out SuspensionReason value) => TryParse(_suspensionReasons, spelling, out value);

    private static string SpellingOf<TEnum>(KeyValuePair<TEnum, string>[] table, TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var pair in table)
        {
            if (EqualityComparer<TEnum>.Default.Equals(pair.Key, value))
            {
                return pair.Value;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} {value} has no YAML spelling.");
    }

    private static bool TryParse<TEnum>(KeyValuePair<TEnum, string>[] table, string spelling, out TEnum value)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(spelling);
        foreach (var pair in table)
        {
            if (string.Equals(pair.Value, spelling, StringComparison.Ordinal))
            {
                value = pair.Key;
                return true;
            }
        }

        value = default;
        return false;
    }
}
