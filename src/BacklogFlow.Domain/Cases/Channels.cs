namespace BacklogFlow.Domain.Cases;

/// <summary>The channels an application can come in through; every one is admitted and throttled alike.</summary>
public static class Channels
{
    public const string Web = "web";
    public const string App = "app";
    public const string Paper = "paper";
    public const string Municipality = "municipality";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Web, App, Paper, Municipality };
}
