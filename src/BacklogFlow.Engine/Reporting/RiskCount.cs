namespace BacklogFlow.Engine.Reporting;

/// <summary>
/// A number of cases, with how many of them are legally mandatory certificates and how many are of
/// unknown mandatory status (queued with the mandatory ones, never counted as not mandatory).
/// </summary>
public sealed record RiskCount(int Cases, int Mandatory, int MandatoryUnknown);
