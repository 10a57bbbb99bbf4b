using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Outages;
using BacklogFlow.Domain.Workflows;
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

    public async Task<OutageWindow> RegisterAsync(
        DateOnly start, DateOnly end, IReadOnlyCollection<string> products, int catchUpDays, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        var unknown = products.Where(p => !catalog.TryGet(p, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown product(s) {string.Join(", ", unknown)} (known: {string.Join(", ", catalog.Products)})", nameof(products));
        }

        var window = OutageWindow.Register(start, end, products, catchUpDays, description, time.GetUtcNow());
        db.OutageWindows.Add(window);
        await db.SaveChangesAsync(cancellationToken);
        registered.Invalidate();
        return window;
    }

    public Task<List<OutageWindow>> ListAsync(CancellationToken cancellationToken) =>
        db.OutageWindows.AsNoTracking().OrderBy(o => o.Start).ToListAsync(cancellationToken);

    public async Task<ForceMajeurePlan> ApplyForceMajeureAsync(Guid outageId, bool confirmed, CancellationToken cancellationToken)
    {
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

        var notice = LegalTime.ToLegalDate(time.GetUtcNow());
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
                try
                {
                    open.RecordClockEvent(
                        new ClockSuspended(from, end, SuspensionReason.ForceMajeure, notice), catalog.Get(open.Product), catalog.Calendar);
                    tasks.GetValueOrDefault(open.Id)?.Reschedule(open.EffectiveDueDate);
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
        stored.RecordForceMajeureApplied(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new ForceMajeurePlan(outageId, openCases, Applied: true, suspended, refused);
    }
}
