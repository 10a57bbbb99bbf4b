namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// The periods a reviewer's actions open, from a definition's optional <c>review:</c> section.
/// Both are counted in calendar days from the day after the action; the Algemene termijnenwet is not
/// applied to them (it governs statutory terms, and these are periods the authority gives).
/// </summary>
public sealed record ReviewRules
{
    /// <summary>Two weeks: the usual period for an applicant to give their view (zienswijze, Awb 4:8).</summary>
    public const int DefaultHearingPeriodDays = 14;

    /// <summary>Four weeks: the longest period a reviewer may give an applicant to complete the application.</summary>
    public const int DefaultMaxInformationPeriodDays = 28;

    public static ReviewRules Default { get; } = new();

    /// <summary>
    /// How long the applicant is given to respond to an intent to refuse. The hearing does not
    /// suspend the decision term: Awb 4:15 lists no such ground, so the legal clock keeps running
    /// (a suspension with the applicant's written consent is recorded on the clock like any other).
    /// </summary>
    public int HearingPeriodDays { get; init; } = DefaultHearingPeriodDays;

    /// <summary>The longest period a request to complete the application may give (Awb 4:5).</summary>
    public int MaxInformationPeriodDays { get; init; } = DefaultMaxInformationPeriodDays;
}
