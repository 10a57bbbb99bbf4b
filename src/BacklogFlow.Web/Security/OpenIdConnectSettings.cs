namespace BacklogFlow.Web.Security;

/// <summary>
/// Configuration section "BacklogFlow:Authentication:OpenIdConnect": sign-in through the
/// organisation's identity provider in production. Off while <see cref="Authority"/> is empty; the
/// local accounts (Identity) keep working beside it.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "BacklogFlow:Authentication:OpenIdConnect";

    public const string Scheme = "oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The claim in the ID token that carries caseworker / supervisor / admin.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that names the person (claims, decisions and the audit log use it).</summary>
    public string NameClaim { get; set; } = "preferred_username";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
