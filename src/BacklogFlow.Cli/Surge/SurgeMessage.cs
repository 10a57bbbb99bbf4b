using BacklogFlow.Contracts;

namespace BacklogFlow.Cli.Surge;

/// <summary>One message of a synthetic surge and what the legacy system meant by it.</summary>
internal sealed record SurgeMessage(ApplicationSubmitted Message, SurgeMessageKind Kind);
