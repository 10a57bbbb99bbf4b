using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Deadlines;

/// <summary>
/// Changes a case's clock: suspensions, extensions, notices of default. The domain decides what the
/// law allows; this records it, moves the open review task to the new due date in the same
/// transaction, and keeps force majeure for supervisors.
/// </summary>
public sealed class CaseClock(BacklogFlowDbContext db, WorkflowCatalog catalog)
{
    public async Task<DeadlineComputation> RecordAsync(
        Guid caseId, LedgerEvent clockEvent, bool bySupervisor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clockEvent);
        if (clockEvent is ClockSuspended { Reason: SuspensionReason.ForceMajeure } && !bySupervisor)
        {
            throw new DeadlineLedgerException("a force-majeure suspension is applied only by a supervisor");
        }

        db.ChangeTracker.Clear();
        var clocked = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new KeyNotFoundException($"Case {caseId} does not exist.");
        var definition = catalog.Get(clocked.Product);
        clocked.RecordClockEvent(clockEvent, definition, catalog.Calendar);
        var openTask = await db.ReviewTasks.SingleOrDefaultAsync(ReviewTask.OpenOf(caseId), cancellationToken);
        openTask?.Reschedule(clocked.EffectiveDueDate);
        await db.SaveChangesAsync(cancellationToken);
        return clocked.ComputeClock(definition, catalog.Calendar);
    }
}
