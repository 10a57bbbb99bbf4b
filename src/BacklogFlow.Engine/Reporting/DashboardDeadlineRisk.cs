using BacklogFlow.Engine.Deadlines;

namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// Open (undecided) cases against their deadlines as of a legal day. Overdue: the effective due date
/// (the earlier of the legal deadline and the service promise) has passed. LegalDeadlinePassed: the
/// statutory term itself has. DueWithinWeek: due today or in the six days after, not yet overdue.
/// </summary>
public sealed record DashboardDeadlineRisk(
    int OpenCases,
    RiskCount Overdue,
    RiskCount LegalDeadlinePassed,
    RiskCount DueWithinWeek,
    PenaltyExposure Penalty);
