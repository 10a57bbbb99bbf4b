namespace BacklogFlow.Web.Security;

/// <summary>The roles people have. Every endpoint names the roles it admits; nothing is open by default.</summary>
public static class Roles
{
    public const string CaseWorker = "caseworker";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [CaseWorker, Supervisor, Admin];
}
