using BacklogFlow.Engine.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Web.Security;

/// <summary>
/// ASP.NET Core Identity with its EF Core stores in the engine's database; a cookie for people in a
/// browser and a bearer token for other systems. Deny by default: the fallback policy requires a
/// signed-in user, and every endpoint names the policy it needs on top.
/// </summary>
public static class SecuritySetup
{
    /// <summary>Other systems send a bearer token; people in a browser have the cookie.</summary>
    public const string BearerOrCookie = "Identity.BearerOrCookie";

    public static IServiceCollection AddBacklogFlowSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var oidc = configuration.GetSection(OpenIdConnectSettings.Section).Get<OpenIdConnectSettings>() ?? new OpenIdConnectSettings();
        services.AddSingleton(oidc);
        var authentication = services.AddAuthentication(BearerOrCookie)
            .AddPolicyScheme(BearerOrCookie, "Bearer token or cookie", scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme);
        authentication.AddIdentityCookies();
        if (oidc.Enabled)
        {
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                throw new OptionsValidationException(OpenIdConnectSettings.Section, typeof(OpenIdConnectSettings),
                    [$"{OpenIdConnectSettings.Section}:ClientId is required when :Authority is set"]);
            }

            // The provider's sign-in lands in the same application cookie as a local sign-in, with
            // its role claim read as roles, so every policy and the audit log treat both alike.
            authentication.AddOpenIdConnect(OpenIdConnectSettings.Scheme, "Organisation", options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SignInScheme = IdentityConstants.ApplicationScheme;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = oidc.NameClaim;
                options.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
            });
        }

        services.AddIdentityCore<IdentityUser>(options =>
            {
                // Length over composition rules (NIST SP 800-63B): a long passphrase, no forced symbols.
                options.Password.RequiredLength = 12;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BacklogFlowDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // Pages send people to the sign-in page; the API answers 401/403 instead of redirecting.
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/Denied";
            cookie.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? Deny(context.Response, StatusCodes.Status401Unauthorized)
                : Redirect(context);
            cookie.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? Deny(context.Response, StatusCodes.Status403Forbidden)
                : Redirect(context);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Review, policy => policy.RequireRole(Roles.CaseWorker, Roles.Supervisor))
            .AddPolicy(Policies.Supervise, policy => policy.RequireRole(Roles.Supervisor, Roles.Admin));
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Deny(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
