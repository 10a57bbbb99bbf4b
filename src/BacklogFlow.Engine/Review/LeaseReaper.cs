using System.Linq.Expressions;
using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Review;

/// <summary>
/// Puts tasks whose lease ran out back in their queue (<see cref="ReviewTask.ExpireLease"/>), every
/// <see cref="ReviewOptions.LeaseReapInterval"/>, each with an audit entry. Why a reaper and not a
/// claim that also takes expired leases: a claim then had to walk past every held task at the head
/// of its queue (the lease end was not in the index, and could not be: it is compared with the
/// clock), so claims slowed as work was held; with leases ended here, the claim's index holds only
/// claimable tasks. Held tasks whose lease ran out are few (workers who walked away), found through
/// ix_review_tasks_leases. Tasks parked while an applicant is heard (<see cref="ReviewTask.ParkedUntil"/>)
/// come back the same way when the hearing period is over (ix_review_tasks_parked).
/// </summary>
public sealed partial class LeaseReaper(
    IServiceScopeFactory scopes,
    SqliteWriteTurns sqliteTurns,
    TimeProvider time,
    IOptions<ReviewOptions> options,
    ILogger<LeaseReaper> logger) : BackgroundService
{
    /// <summary>Who the audit log says ended the lease or the parking.</summary>
    public const string Actor = "engine:lease-reaper";

    /// <summary>Tasks ended per transaction.</summary>
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.LeaseReaperEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var reaped = await ReapAsync(stoppingToken);
                if (reaped > 0)
                {
                    LogReaped(logger, reaped);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReapFailed(logger, ex);
            }

            await Task.Delay(options.Value.LeaseReapInterval, time, stoppingToken);
        }
    }

    /// <summary>Ends every lease that ran out by now, and every parking; returns how many tasks are back in their queue.</summary>
    public async Task<int> ReapAsync(CancellationToken cancellationToken) =>
        await ReturnToQueuesAsync(ReviewTask.LeaseRanOutBy, t => t.LeaseExpiresAt, (db, task, now) =>
        {
            var holder = task.ClaimedBy;
            if (!task.ExpireLease(now))
            {
                return false;
            }

            db.Audit(Actor, AuditActions.LeaseExpired, AuditTrail.TaskSubject(task.Id), new { claimedBy = holder }, new { reason = task.LastReleaseReason }, now);
            return true;
        }, cancellationToken)
        + await ReturnToQueuesAsync(ReviewTask.ParkRanOutBy, t => t.ParkedUntil, (db, task, now) =>
        {
            var parkedUntil = task.ParkedUntil;
            if (!task.Unpark())
            {
                return false;
            }

            db.Audit(Actor, AuditActions.TaskBackAfterHearing, AuditTrail.TaskSubject(task.Id), new { parkedUntil }, new { reason = task.LastReleaseReason }, now);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The tasks <paramref name="ranOutBy"/> finds as of now, earliest <paramref name="end"/> first,
    /// in batches of <see cref="BatchSize"/>, each through <paramref name="returnToQueue"/> (true when
    /// it changed the task).
    /// </summary>
    private async Task<int> ReturnToQueuesAsync(
        Func<DateTimeOffset, Expression<Func<ReviewTask, bool>>> ranOutBy,
        Expression<Func<ReviewTask, DateTimeOffset?>> end,
        Func<BacklogFlowDbContext, ReviewTask, DateTimeOffset, bool> returnToQueue,
        CancellationToken cancellationToken)
    {
        var returned = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
            using var turn = await sqliteTurns.WaitIfSqliteAsync(db, cancellationToken);
            var now = time.GetUtcNow();
            var due = await db.ReviewTasks.Where(ranOutBy(now)).OrderBy(end).Take(BatchSize).ToListAsync(cancellationToken);
            var changed = 0;
            foreach (var task in due)
            {
                changed += returnToQueue(db, task, now) ? 1 : 0;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The holder released or completed one of them meanwhile (or a supervisor moved it):
                // nothing of this batch is saved; the next pass reads the tasks again.
                return returned;
            }

            returned += changed;
            if (due.Count < BatchSize)
            {
                return returned;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease reaper: {Reaped} review tasks whose lease ran out or whose hearing is over are back in their queue")]
    private static partial void LogReaped(ILogger logger, int reaped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lease reaper failed; trying again at the next interval")]
    private static partial void LogReapFailed(ILogger logger, Exception exception);
}
