namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// Why the decision term is suspended (Awb 4:15). Spelled in files and on the command line as
/// <c>request-to-complete</c>, <c>applicant-consent</c>, <c>attributable-to-applicant</c>,
/// <c>force-majeure</c> (see <see cref="Workflows.YamlSpellings"/>).
/// </summary>
public enum SuspensionReason
{
    /// <summary>
    /// Awb 4:15(1)(a): the applicant was asked to complete the application. The suspension runs from
    /// the day after the request up to, not including, the day the application is completed ("tot de
    /// dag waarop"), or through the last day of the period given when it lapses unused.
    /// </summary>
    RequestToComplete,

    /// <summary>Awb 4:15(2)(a): for as long as the applicant has consented to in writing.</summary>
    ApplicantConsent,

    /// <summary>Awb 4:15(2)(b): for as long as the delay is attributable to the applicant.</summary>
    AttributableToApplicant,

    /// <summary>
    /// Awb 4:15(2)(c): for as long as force majeure makes deciding impossible. Needs a notice to the
    /// applicant (its date is required) and is never applied automatically.
    /// </summary>
    ForceMajeure,
}
