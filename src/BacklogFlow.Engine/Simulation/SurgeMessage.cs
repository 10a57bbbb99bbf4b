using BacklogFlow.Contracts;

namespace BacklogFlow.Engine.Simulation;

/// <summary>
/// One message of a synthetic surge and what the legacy system meant by it. <paramref name="RawBody"/>,
/// when given, goes on the wire instead of <paramref name="Message"/> (a body no reader can take).
/// </summary>
public sealed record SurgeMessage(ApplicationSubmitted Message, SurgeMessageKind Kind, string? RawBody = null);
