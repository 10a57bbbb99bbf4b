using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Engine.Messaging;

/// <summary>Builds the <see cref="ApplicationDecided"/> message from a decided case.</summary>
public static class DecisionMessages
{
    public static ApplicationDecided For(ApplicationCase decided)
    {
        ArgumentNullException.ThrowIfNull(decided);
        if (decided.Outcome is not { } outcome || decided.DecidedAt is not { } decidedAt)
        {
            throw new InvalidOperationException($"Case {decided.Id} is not decided.");
        }

        return new ApplicationDecided
        {
            ApplicationId = decided.ApplicationId,
            SourceSystem = decided.SourceSystem,
            CaseId = decided.Id,
            Outcome = outcome switch
            {
                DecisionOutcome.Issue => DecisionOutcomes.Issued,
                DecisionOutcome.Refuse => DecisionOutcomes.Refused,
                DecisionOutcome.Withdrawn => DecisionOutcomes.Withdrawn,
                _ => throw new ArgumentOutOfRangeException(nameof(decided), outcome, "unknown outcome"),
            },
            DecidedAt = decidedAt,
            DecidedAutomatically = decided.DecidedAutomatically,
            LegalDeadline = decided.LegalDeadline,
            LegalDeadlineMet = decided.LegalDeadlineMet,
        };
    }
}
