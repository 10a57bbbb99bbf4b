using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace BacklogFlow.Web.Api;

/// <summary>
/// Sign-in for people (a cookie, <c>?useCookies=true</c>) and for other systems (a bearer token).
/// There is no self-registration: accounts are made by an administrator (or by <c>--demo</c>).
/// </summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string UserName, string Password);

    public sealed record Me(string UserName, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/login", LoginAsync).AllowAnonymous();
        auth.MapPost("/logout", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        });
        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
            user.Identity?.Name ?? "",
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)])));
        return api;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest login, bool? useCookies, SignInManager<IdentityUser> signIn)
    {
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(login.UserName, login.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The sign-in manager has written the cookie or the token already.
            return TypedResults.Empty;
        }

        return TypedResults.Problem(
            result.IsLockedOut ? "Too many failed attempts: the account is locked for a while." : "Unknown user name or wrong password.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in failed");
    }
}
