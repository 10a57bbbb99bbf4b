using BacklogFlow.Engine.Priorities;
using Microsoft.AspNetCore.Identity;

namespace BacklogFlow.Web.Security;

/// <summary>A bulk assignment goes only to an existing account with the case-worker role: the engine does not know accounts, the web host does.</summary>
public static class AssigneeCheck
{
    /// <returns>Why the move cannot go to its target, or null when it can (or assigns nobody).</returns>
    public static async Task<string?> RefusalAsync(BulkMove move, UserManager<IdentityUser> users)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(users);
        if (move.Kind != BulkMoveKind.AssignTo || move.Target is null)
        {
            return null;
        }

        var account = await users.FindByNameAsync(move.Target);
        return account is not null && await users.IsInRoleAsync(account, Roles.CaseWorker)
            ? null
            : $"'{move.Target}' is not a case worker's account; tasks can only be assigned to case workers";
    }
}
