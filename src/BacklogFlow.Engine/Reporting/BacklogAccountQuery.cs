using BacklogFlow.Domain.Cases;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Quarantine;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Reporting;

/// <summary>Counts, set-based in the database, where one source system's messages went.</summary>
public sealed class BacklogAccountQuery(BacklogFlowDbContext db)
{
    public async Task<BacklogAccount> ForSourceAsync(string sourceSystem, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking().Where(c => c.SourceSystem == sourceSystem);
        var byStatus = await cases
            .GroupBy(c => new { c.Status, c.DecidedAutomatically })
            .Select(g => new { g.Key.Status, g.Key.DecidedAutomatically, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var waiting = await cases
            .Where(c => c.Status == CaseStatus.AwaitingReview)
            .GroupBy(c => c.Queue!)
            .Select(g => new { Queue = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Queue, g => g.Count, cancellationToken);
        var duplicates = await db.IntakeRecords.AsNoTracking()
            .Where(r => r.SourceSystem == sourceSystem)
            .SumAsync(r => r.DuplicateCount, cancellationToken);
        // A replayed entry is accounted for by what its replay became (a case or a duplicate).
        var quarantined = await db.QuarantinedMessages.AsNoTracking()
            .Where(m => m.SourceSystem == sourceSystem && m.Resolution != QuarantineResolutions.Replayed)
            .GroupBy(m => m.Reason)
            .Select(g => new { Reason = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Reason, g => g.Count, cancellationToken);
        var pendingOutbox = await db.OutboxMessages.CountAsync(cancellationToken);

        return new BacklogAccount(
            sourceSystem,
            Accepted: byStatus.Sum(s => s.Count),
            DuplicatesIgnored: duplicates,
            QuarantinedByReason: quarantined,
            DecidedAutomatically: byStatus.Where(s => s.Status == CaseStatus.Decided && s.DecidedAutomatically).Sum(s => s.Count),
            DecidedAfterReview: byStatus.Where(s => s.Status == CaseStatus.Decided && !s.DecidedAutomatically).Sum(s => s.Count),
            WaitingByQueue: waiting,
            PendingOutboxMessages: pendingOutbox);
    }
}
