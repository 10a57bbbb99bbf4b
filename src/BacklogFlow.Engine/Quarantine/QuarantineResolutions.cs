namespace BacklogFlow.Engine.Quarantine;

/// <summary>What a supervisor did with a quarantined message.</summary>
public static class QuarantineResolutions
{
    /// <summary>Sent through intake again, as a new message with the same content.</summary>
    public const string Replayed = "replayed";

    /// <summary>Set aside for good, with a reason.</summary>
    public const string Discarded = "discarded";
}
