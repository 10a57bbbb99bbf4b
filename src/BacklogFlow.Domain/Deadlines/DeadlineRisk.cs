using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// How close an open case is to its due date, by the definition's warning thresholds: the narrowest
/// threshold it has reached, and whether the legal deadline has passed (a breach).
/// </summary>
public sealed record DeadlineRisk(DeadlineWarning? Warning, bool Breached)
{
    public static readonly DeadlineRisk None = new(null, false);

    /// <param name="warnings">Widest threshold first, as the definition keeps them.</param>
    public static DeadlineRisk Assess(DateOnly effectiveDueDate, DateOnly legalDeadline, DateOnly today, IReadOnlyList<DeadlineWarning> warnings) =>
        new(Bands(warnings, today).FirstOrDefault(b => b.Holds(effectiveDueDate))?.Warning, today > legalDeadline);

    /// <summary>
    /// Which due dates reach which warning <paramref name="today"/>: a case has reached a threshold
    /// when it has that many days left or fewer, and its warning is the narrowest one reached. The
    /// sweeper escalates a whole band at once by them; <see cref="Assess"/> reads one case by them.
    /// Bands do not overlap; a due date in none has no warning yet.
    /// </summary>
    public static IReadOnlyList<WarningBand> Bands(IReadOnlyList<DeadlineWarning> warnings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var bands = new List<WarningBand>(warnings.Count);
        for (var i = 0; i < warnings.Count; i++)
        {
            // Reached, and no narrower threshold (one listed after it) reached as well.
            int? narrower = warnings.Skip(i + 1).Select(w => (int?)w.DaysLeft).Max();
            if (narrower is { } n && n >= warnings[i].DaysLeft)
            {
                continue;
            }

            bands.Add(new WarningBand(warnings[i], narrower is { } after ? today.AddDays(after + 1) : null, today.AddDays(warnings[i].DaysLeft)));
        }

        return bands;
    }
}

/// <summary>Cases due from <see cref="DueFrom"/> (open-ended when null: overdue ones too) to <see cref="DueTo"/> have reached <see cref="Warning"/>.</summary>
public sealed record WarningBand(DeadlineWarning Warning, DateOnly? DueFrom, DateOnly DueTo)
{
    public bool Holds(DateOnly effectiveDueDate) => effectiveDueDate <= DueTo && (DueFrom is not { } from || effectiveDueDate >= from);
}
