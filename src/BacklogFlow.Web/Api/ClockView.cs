using BacklogFlow.Domain.Deadlines;

namespace BacklogFlow.Web.Api;

/// <summary>A case's clock, derived by the domain's deadline ledger; <see cref="DaysLeft"/> counts to the effective due date.</summary>
public sealed record ClockView(
    DateOnly ReceivedOn,
    int TermWeeks,
    int SuspendedDays,
    DateOnly LegalDeadline,
    DateOnly? ServicePromiseDeadline,
    DateOnly EffectiveDueDate,
    int DaysLeft,
    string? Warning,
    decimal PenaltyExposure,
    IReadOnlyList<string> AppliedRules)
{
    public static ClockView Of(DeadlineComputation clock, string? warning, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new(clock.ReceivedOn, clock.TermWeeks, clock.SuspendedDays, clock.LegalDeadline, clock.ServicePromiseDeadline,
            clock.EffectiveDueDate, clock.EffectiveDueDate.DayNumber - today.DayNumber, warning, clock.PenaltyExposure, clock.AppliedRules);
    }
}
