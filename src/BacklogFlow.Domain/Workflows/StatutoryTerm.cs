namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// The decision term of a product. <see cref="RecordExtensionWeeks"/> are added when the records
/// check finds a record and the case leaves the straight-through path (vog-np: 4 + 4 weeks);
/// <see cref="MaxExtensionWeeks"/> caps a further extension (verdaging) with a notice.
/// </summary>
public sealed record StatutoryTerm(int Weeks, int RecordExtensionWeeks, int MaxExtensionWeeks, string LegalBasis)
{
    /// <summary>12 weeks: the Atw does not apply to longer terms (see <see cref="AtwMaxTermDays"/>).</summary>
    public const int DefaultAtwMaxTermDays = 84;

    /// <summary>"Within four weeks of when they wanted to apply."</summary>
    public const int DefaultServicePromiseWeeks = 4;

    /// <summary>
    /// The longest term, in days, to which the Algemene termijnenwet applies (a term ending on a
    /// Saturday, Sunday or holiday moves to the next working day). The term measured is the whole
    /// term in force (base + record extension + extensions, in days; suspended days are not part of
    /// it). Art. 4 of the Atw leaves terms longer than 12 weeks (or 90 days, or three months) out;
    /// every term here is whole weeks, and for whole weeks "over 84 days" and "over 90 days" select
    /// the same terms (13 weeks and up), so the default is 84.
    /// </summary>
    public int AtwMaxTermDays { get; init; } = DefaultAtwMaxTermDays;

    /// <summary>
    /// The service promise for outage-affected applications, in weeks from the intended submission
    /// date (or the outage start when none was given).
    /// </summary>
    public int ServicePromiseWeeks { get; init; } = DefaultServicePromiseWeeks;
}
