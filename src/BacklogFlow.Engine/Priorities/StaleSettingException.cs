namespace BacklogFlow.Engine.Priorities;

/// <summary>A supervisor's edit made against a version that is no longer current (HTTP 412).</summary>
public sealed class StaleSettingException(string message) : InvalidOperationException(message);
