using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Audit;

/// <summary>
/// Reading the audit log, newest first, for the API and the supervisor's page alike. The filters are
/// exact matches; the subject's and the actor's are indexes led by them and then the log's order
/// (<c>Id</c>), so either can hand out a page in that order without a sort (the database may still
/// sort a few matching rows where that is cheaper).
/// </summary>
public sealed class AuditLog(BacklogFlowDbContext db)
{
    public const int MaxPageSize = 500;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(
        string? actor, string? action, string? subject, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return await Page(db, actor, action, subject, skip, take).ToListAsync(cancellationToken);
    }

    /// <summary>The query of one page (the tests explain it).</summary>
    internal static IQueryable<AuditEntry> Page(BacklogFlowDbContext db, string? actor, string? action, string? subject, int skip, int take)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (actor is not null)
        {
            query = query.Where(e => e.Actor == actor);
        }

        if (action is not null)
        {
            query = query.Where(e => e.Action == action);
        }

        if (subject is not null)
        {
            query = query.Where(e => e.Subject == subject);
        }

        return query.OrderByDescending(e => e.Id).Skip(skip).Take(Math.Min(take, MaxPageSize));
    }
}
