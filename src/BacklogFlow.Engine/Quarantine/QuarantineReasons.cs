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

    /// <summary>
    /// A readable message whose processing kept failing after every retry (a database or the
    /// records check down for longer than the retries last). Not the sender's fault: no rejection
    /// goes back; a supervisor replays it once the cause is mended.
    /// </summary>
    public const string ProcessingFailed = "processing-failed";

    /// <summary>Whether the sender is told (with <c>ApplicationRejected</c>): only when its message is at fault.</summary>
    public static bool NotifiesSender(string reason) => reason != ProcessingFailed;
}
