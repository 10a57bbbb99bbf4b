namespace BacklogFlow.Domain.Cases;

/// <summary>
/// Whether the law requires the applicant to hold this certificate. Unknown is a state of its own:
/// a case whose sector the definition does not know is never silently treated as not mandatory.
/// YAML spelling: "mandatory", "not-mandatory", "unknown".
/// </summary>
public enum MandatoryStatus
{
    Mandatory,
    NotMandatory,
    Unknown,
}
