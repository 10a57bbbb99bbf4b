namespace BacklogFlow.Engine.Quarantine;

/// <summary>A supervisor's action on a quarantined message that cannot be done, with the reason in words.</summary>
public sealed class QuarantineActionException(string message) : InvalidOperationException(message);
