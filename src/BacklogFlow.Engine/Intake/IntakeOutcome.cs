namespace BacklogFlow.Engine.Intake;

/// <summary>What intake did with one message.</summary>
public enum IntakeOutcome
{
    /// <summary>A new case was created.</summary>
    Accepted,

    /// <summary>An exact resend of a known application: counted, nothing created.</summary>
    Duplicate,

    /// <summary>Quarantined with its reason (invalid, or a conflicting duplicate).</summary>
    Quarantined,

    /// <summary>The same message again (broker redelivery): its effects were already committed.</summary>
    Redelivered,
}
