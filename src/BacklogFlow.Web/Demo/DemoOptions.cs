using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Web.Demo;

/// <summary>Configuration section "BacklogFlow:Demo"; <c>--demo</c> on the command line sets Enabled.</summary>
public sealed class DemoOptions
{
    public const string Section = "BacklogFlow:Demo";

    public bool Enabled { get; set; }

    /// <summary>The demo accounts' password.</summary>
    public string Password { get; set; } = "demo-password-2021";

    /// <summary>Applications in the demo backlog, seeded once into an empty database (0: none).</summary>
    [Range(0, 100_000)]
    public int Applications { get; set; } = 3000;

    /// <summary>
    /// Receipts spread over this many days before today. Sixty, so that the oldest cases sent to
    /// review (eight weeks with a record) are near or past their legal deadline, and those with the
    /// outage's service promise (four weeks) are past it.
    /// </summary>
    [Range(1, 365)]
    public int BacklogDays { get; set; } = 60;

    /// <summary>The synthetic backlog is the same for the same seed.</summary>
    public int Seed { get; set; } = 2021;
}
