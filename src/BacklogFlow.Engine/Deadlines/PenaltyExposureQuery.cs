using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Deadlines;

/// <summary>
/// Penalty exposure per case and in total. Only cases whose clock has a penalty (a valid notice of
/// default) are read, found by their derived first penalty day, and streamed, never all loaded.
/// </summary>
public sealed class PenaltyExposureQuery(BacklogFlowDbContext db, WorkflowCatalog catalog)
{
    public async Task<DeadlineComputation> ForCaseAsync(Guid caseId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var stored = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new KeyNotFoundException($"Case {caseId} does not exist.");
        return stored.ComputeClock(catalog.Get(stored.Product), catalog.Calendar, asOf);
    }

    public async Task<PenaltyExposure> TotalAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        int cases = 0;
        decimal total = 0m, maximum = 0m;
        var running = db.Cases.AsNoTracking()
            .Where(c => c.PenaltyFirstDay != null && c.PenaltyFirstDay <= asOf)
            .Select(c => new { c.Product, c.Clock })
            .AsAsyncEnumerable();
        await foreach (var row in running.WithCancellation(cancellationToken))
        {
            var computed = row.Clock.Compute(catalog.Get(row.Product).Term, catalog.Calendar, asOf);
            if (computed.Penalty is { } penalty)
            {
                cases++;
                total += computed.PenaltyExposure;
                maximum += penalty.Maximum;
            }
        }

        return new PenaltyExposure(asOf, cases, total, maximum);
    }
}
