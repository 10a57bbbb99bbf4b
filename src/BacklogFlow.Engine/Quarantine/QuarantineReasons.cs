namespace BacklogFlow.Engine.Quarantine;

/// <summary>Why a message was quarantined.</summary>
public static class QuarantineReasons
{
    /// <summary>Readable, but not a valid application (missing or wrong fields, a BSN in the clear...).</summary>
    public const string Invalid = "invalid";

    /// <summary>A different payload under an application id that is already known.</summary>
    public const string ConflictingDuplicate = "conflicting-duplicate";

    /// <summary>Not readable as an application at all (not JSON, wrong shape).</summary>
    public const string Unreadable = "unreadable";
}
