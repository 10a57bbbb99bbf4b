using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Screening;

/// <summary>Configuration section "BacklogFlow:Screening": the simulated records check.</summary>
public sealed class ScreeningOptions
{
    public const string Section = "BacklogFlow:Screening";

    /// <summary>The share of applicants with a record (about 16% in the 2021 figures).</summary>
    [Range(0.0, 1.0)]
    public double RecordShare { get; set; } = 0.16;

    /// <summary>Seeds the simulation: the same seed and applicant always give the same result.</summary>
    public int Seed { get; set; } = 2021;
}
