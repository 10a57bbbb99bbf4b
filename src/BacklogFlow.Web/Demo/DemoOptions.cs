namespace BacklogFlow.Web.Demo;

/// <summary>Configuration section "BacklogFlow:Demo"; <c>--demo</c> on the command line sets Enabled.</summary>
public sealed class DemoOptions
{
    public const string Section = "BacklogFlow:Demo";

    public bool Enabled { get; set; }

    /// <summary>The demo accounts' password.</summary>
    public string Password { get; set; } = "demo-password-2021";
}
