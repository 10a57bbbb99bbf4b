namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// Everything derived from a case's <see cref="DeadlineLedger"/>: the legal deadline and how it was
/// reached, the service promise, the date the case is due, and the penalty for deciding late.
/// <see cref="AppliedRules"/> explains each step in words ("ends Sat 25 Dec 2021 → Atw → Mon 27 Dec 2021").
/// </summary>
public sealed record DeadlineComputation
{
    /// <summary>The legal date of receipt (Europe/Amsterdam); the term runs from the day after.</summary>
    public required DateOnly ReceivedOn { get; init; }

    public DateOnly TermStartsOn => ReceivedOn.AddDays(1);

    /// <summary>The definition's base term.</summary>
    public required int BaseWeeks { get; init; }

    /// <summary>Weeks added because a record was found (0 when none was, or the product adds none).</summary>
    public required int RecordExtensionWeeks { get; init; }

    /// <summary>Weeks added by extensions (verdaging).</summary>
    public required int ExtensionWeeks { get; init; }

    public int TermWeeks => BaseWeeks + RecordExtensionWeeks + ExtensionWeeks;

    public int TermDays => 7 * TermWeeks;

    /// <summary>
    /// Distinct suspended days inside the running term (overlaps count once, days after the end do not
    /// count); the end moves by exactly this many days.
    /// </summary>
    public required int SuspendedDays { get; init; }

    /// <summary>The earliest day on which <see cref="TermDays"/> days that are not suspended have passed.</summary>
    public required DateOnly UnadjustedEnd { get; init; }

    /// <summary>Whether the Atw applies to this term (not to terms over <c>atwMaxTermDays</c>).</summary>
    public required bool AtwApplies { get; init; }

    /// <summary>The statutory deadline: <see cref="UnadjustedEnd"/>, moved by the Atw when it applies.</summary>
    public required DateOnly LegalDeadline { get; init; }

    /// <summary>The day the service promise runs from (the day after it), when the case was hit by an outage.</summary>
    public DateOnly? ServicePromiseStartsFrom { get; init; }

    /// <summary>The service promise, when there is one; suspension pushes it, the Atw does not apply to it.</summary>
    public DateOnly? ServicePromiseDeadline { get; init; }

    /// <summary>The earlier of <see cref="LegalDeadline"/> and <see cref="ServicePromiseDeadline"/>: queues order by it.</summary>
    public required DateOnly EffectiveDueDate { get; init; }

    /// <summary>The legal date of the decision, when decided.</summary>
    public DateOnly? DecidedOn { get; init; }

    /// <summary>Whether the decision came on or before <see cref="LegalDeadline"/>; null while undecided.</summary>
    public bool? DecidedInTime => DecidedOn is { } decided ? decided <= LegalDeadline : null;

    /// <summary>The date the penalty exposure is counted up to, as asked.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The penalty for deciding late, when a valid notice of default was received.</summary>
    public PenaltySchedule? Penalty { get; init; }

    /// <summary>The penalty forfeited as of <see cref="AsOf"/> (0 without a penalty).</summary>
    public decimal PenaltyExposure => Penalty?.Total ?? 0m;

    /// <summary>Each rule applied, in words, in the order applied.</summary>
    public required IReadOnlyList<string> AppliedRules { get; init; }
}
