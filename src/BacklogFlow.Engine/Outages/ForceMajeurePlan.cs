namespace BacklogFlow.Engine.Outages;

/// <summary>
/// The bulk force-majeure suspension of an outage: how many open cases it touches, and (once a
/// supervisor confirmed) how many were suspended and which could not be, with the reason.
/// </summary>
public sealed record ForceMajeurePlan(Guid OutageId, int OpenCases, bool Applied, int Suspended, IReadOnlyList<string> Refused);
