namespace BacklogFlow.Domain.Screening;

/// <summary>What the judicial-records check found. YAML spelling: "no-record", "record".</summary>
public enum ScreeningResult
{
    NoRecord,
    Record,
}
