using System.Security.Claims;

namespace BacklogFlow.Web.Security;

public static class SignedInUser
{
    /// <summary>The user name that claims tasks, decides cases and stands in the audit log.</summary>
    public static string Name(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? throw new InvalidOperationException("an authorised request has a user name");
    }
}
