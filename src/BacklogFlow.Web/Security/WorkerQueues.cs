using System.Security.Claims;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Web.Security;

/// <summary>
/// The queues a person may take tasks from: the <see cref="ClaimType"/> claims on their account, or,
/// without any, every queue the workflow definitions declare.
/// </summary>
public static class WorkerQueues
{
    public const string ClaimType = "backlogflow:queue";

    public static IReadOnlyCollection<string> For(ClaimsPrincipal user, WorkflowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(catalog);
        var assigned = user.FindAll(ClaimType).Select(c => c.Value).ToArray();
        return assigned.Length > 0 ? assigned : [.. catalog.AllQueues.Select(q => q.Name)];
    }
}
