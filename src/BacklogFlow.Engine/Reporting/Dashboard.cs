namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// What a supervisor watches, as of one legal day: the open review work, the deadline risk, and per
/// day of the last <see cref="Days"/>.Count days what came in, what was decided and what stayed open.
/// </summary>
public sealed record Dashboard(
    DateOnly AsOf,
    IReadOnlyList<OpenWorkGroup> OpenWork,
    DashboardDeadlineRisk DeadlineRisk,
    IReadOnlyList<DashboardDay> Days);
