namespace BacklogFlow.Engine.Simulation;

public enum SurgeMessageKind
{
    /// <summary>A valid application, sent for the first time.</summary>
    Application,

    /// <summary>A defective application the engine must quarantine.</summary>
    Invalid,

    /// <summary>The same application sent again, unchanged (a retry storm).</summary>
    Duplicate,

    /// <summary>A known application id sent again with different content.</summary>
    Conflict,
}
