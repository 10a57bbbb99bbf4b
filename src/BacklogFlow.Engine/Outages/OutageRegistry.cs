using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Outages;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Outages;

/// <summary>
/// Supervisors register outage windows (start, end, affected products) and, only when they confirm,
/// suspend the open cases of those products for the outage as force majeure, with a notice dated
/// today. Without confirmation it is a dry run that only counts.
/// </summary>
public sealed class OutageRegistry(BacklogFlowDbContext db, WorkflowCatalog catalog, RegisteredOutages registered, TimeProvider time)
{
    /// <summary>Open cases suspended per transaction.</summary>
    public const int BatchSize = 500;

    public const int MaxPageSize = 500;

    /// <summary>Registers a window; <paramref name="supervisor"/> stands in the audit log, which commits with it.</summary>
    public async Task<OutageWindow> RegisterAsync(
        DateOnly start,
        DateOnly end,
        IReadOnlyCollection<string> products,
        int catchUpDays,
        string description,
        string supervisor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        var unknown = products.Where(p => !catalog.TryGet(p, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown product(s) {string.Join(", ", unknown)} (known: {string.Join(", ", catalog.Products)})", nameof(products));
        }

        var now = time.GetUtcNow();
        var window = OutageWindow.Register(start, end, products, catchUpDays, description, now);
        db.OutageWindows.Add(window);
        db.Audit(supervisor, AuditActions.OutageRegistered, AuditTrail.OutageSubject(window.Id), null,
            new { window.Start, window.End, products = window.ProductList, window.CatchUpDays, window.Description }, now);
        await db.SaveChangesAsync(cancellationToken);
        registered.Invalidate();
        return window;
    }

    /// <summary>Windows, the latest outage first (the one a supervisor is most likely dealing with).</summary>
    public async Task<IReadOnlyList<OutageWindow>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return await db.OutageWindows.AsNoTracking()
            .OrderByDescending(o => o.Start).ThenByDescending(o => o.Id)
            .Skip(skip).Take(Math.Min(take, MaxPageSize))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Counts (not confirmed) or suspends (confirmed by <paramref name="supervisor"/>) the open cases
    /// of the outage. Every batch commits with an audit entry per case it suspended, and the window's
    /// "applied" mark commits with a summary entry, so nothing changed is ever missing from the log.
    /// </summary>
    public async Task<ForceMajeurePlan> ApplyForceMajeureAsync(Guid outageId, bool confirmed, string supervisor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        var window = await db.OutageWindows.SingleOrDefaultAsync(o => o.Id == outageId, cancellationToken)
            ?? throw new KeyNotFoundException($"Outage {outageId} does not exist.");
        var products = window.ProductList.ToArray();
        var end = window.End;
        var affected = db.Cases.Where(c => products.Contains(c.Product) && c.Status != CaseStatus.Decided && c.ReceivedOn < end);
        var openCases = await affected.CountAsync(cancellationToken);
        if (!confirmed)
        {
            return new ForceMajeurePlan(outageId, openCases, Applied: false, 0, []);
        }

        var now = time.GetUtcNow();
        var notice = LegalTime.ToLegalDate(now);
        var suspended = 0;
        var refused = new List<string>();
        for (var page = 0; ; page++)
        {
            db.ChangeTracker.Clear();
            var batch = await affected.OrderBy(c => c.Id).Skip(page * BatchSize).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var ids = batch.Select(c => c.Id).ToArray();
            var tasks = await db.ReviewTasks.Where(t => ids.Contains(t.CaseId) && t.CompletedAt == null).ToDictionaryAsync(t => t.CaseId, cancellationToken);
            foreach (var open in batch)
            {
                var from = open.ReceivedOn.AddDays(1) > window.Start ? open.ReceivedOn.AddDays(1) : window.Start;
                var before = new { open.LegalDeadline, open.EffectiveDueDate };
                try
                {
                    open.RecordClockEvent(
                        new ClockSuspended(from, end, SuspensionReason.ForceMajeure, notice), catalog.Get(open.Product), catalog.Calendar);
                    tasks.GetValueOrDefault(open.Id)?.Reschedule(open.EffectiveDueDate);
                    db.Audit(supervisor, AuditActions.CaseSuspendedForForceMajeure, AuditTrail.CaseSubject(open.Id), before,
                        new { outage = outageId, suspendedFrom = from, suspendedTo = end, notice, open.LegalDeadline, open.EffectiveDueDate }, now);
                    suspended++;
                }
                catch (DeadlineLedgerException ex)
                {
                    refused.Add($"{open.Id}: {ex.Message}");
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var stored = await db.OutageWindows.SingleAsync(o => o.Id == outageId, cancellationToken);
        var appliedBefore = stored.ForceMajeureAppliedAt;
        stored.RecordForceMajeureApplied(now);
        db.Audit(supervisor, AuditActions.ForceMajeureApplied, AuditTrail.OutageSubject(outageId), new { forceMajeureAppliedAt = appliedBefore },
            new { stored.ForceMajeureAppliedAt, openCases, suspended, refused = refused.Count, notice }, now);
        await db.SaveChangesAsync(cancellationToken);
        return new ForceMajeurePlan(outageId, openCases, Applied: true, suspended, refused);
    }
}
