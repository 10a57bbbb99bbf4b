using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Audit;

/// <summary>
/// Reading the audit log, newest first, for the API and the supervisor's page alike; the filters
/// are exact matches so each one uses an index (subject or actor, then time).
/// </summary>
public sealed class AuditLog(BacklogFlowDbContext db)
{
    public const int MaxPageSize = 500;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(
        string? actor, string? action, string? subject, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
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

        return await query.OrderByDescending(e => e.Id).Skip(skip).Take(Math.Min(take, MaxPageSize)).ToListAsync(cancellationToken);
    }
}
