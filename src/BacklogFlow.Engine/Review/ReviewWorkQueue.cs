using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Review;

/// <summary>
/// What a case worker does with review tasks: claim the next one, release it, or decide it. A claim
/// is one UPDATE statement, so two workers can never hold the same task; it is a lease that expires.
/// Each of the three is audited in its own transaction.
/// </summary>
public sealed class ReviewWorkQueue(
    BacklogFlowDbContext db, WorkflowCatalog catalog, TimeProvider time, IOptions<ReviewOptions> options, SqliteWriteTurns sqliteTurns)
{
    /// <summary>Attempts before giving up when other workers keep taking the chosen task first.</summary>
    private const int MaxClaimAttempts = 16;

    /// <summary>
    /// Claims the first open task in queue order from the given queues, or returns null if there is
    /// none. The claim and its audit entry commit together.
    /// </summary>
    public async Task<ReviewTask?> ClaimNextAsync(string worker, IReadOnlyCollection<string> queues, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentNullException.ThrowIfNull(queues);
        var queueNames = queues.ToArray();

        using var turn = await SqliteTurnAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = db.Database.IsNpgsql()
            ? await ClaimSkippingLockedAsync(worker, queueNames, cancellationToken)
            : await ClaimOnSqliteAsync(worker, queueNames, cancellationToken);
        if (claimed is not null)
        {
            db.Audit(worker, AuditActions.TaskClaimed, AuditTrail.TaskSubject(claimed.Id), before: null,
                new { claimed.Queue, claimed.PriorityClass, claimed.DueDate, claimed.ClaimCount, claimed.LeaseExpiresAt }, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    private async Task<ReviewTask?> ClaimOnSqliteAsync(string worker, string[] queueNames, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var leaseEnd = now + options.Value.LeaseDuration;
            var token = Guid.NewGuid();
            var open = OpenTasks(db, queueNames, now);
            var next = FirstInQueueOrder(open);

            // The outer conditions repeat the openness test so that, where the database re-reads a row
            // another claim changed meanwhile, the second claimer updates nothing.
            var claimed = await db.ReviewTasks
                .Where(t => next.Contains(t.Id) && t.CompletedAt == null && (t.LeaseExpiresAt == null || t.LeaseExpiresAt <= now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.ClaimedBy, worker)
                    .SetProperty(t => t.ClaimedAt, now)
                    .SetProperty(t => t.LeaseExpiresAt, leaseEnd)
                    .SetProperty(t => t.ClaimToken, token)
                    .SetProperty(t => t.ClaimCount, t => t.ClaimCount + 1)
                    .SetProperty(t => t.Version, t => t.Version + 1),
                    cancellationToken);

            if (claimed == 1)
            {
                return await db.ReviewTasks.AsNoTracking().SingleAsync(t => t.ClaimToken == token, cancellationToken);
            }

            if (!await open.AnyAsync(cancellationToken))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Tasks of the given queues that are not completed and not held under a live lease.</summary>
    internal static IQueryable<ReviewTask> OpenTasks(BacklogFlowDbContext db, string[] queueNames, DateTimeOffset now) =>
        db.ReviewTasks.Where(t =>
            queueNames.Contains(t.Queue) && t.CompletedAt == null && (t.LeaseExpiresAt == null || t.LeaseExpiresAt <= now));

    /// <summary>The id of the first task in queue order: the inner select of the claim on SQLite.</summary>
    internal static IQueryable<Guid> FirstInQueueOrder(IQueryable<ReviewTask> open) => open.InQueueOrder().Select(t => t.Id).Take(1);

    private async Task<ReviewTask?> ClaimSkippingLockedAsync(string worker, string[] queueNames, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await ClaimSkippingLocked(db, worker, queueNames, now, now + options.Value.LeaseDuration, Guid.NewGuid())
            .ToListAsync(cancellationToken);
        return claimed.SingleOrDefault();
    }

    /// <summary>
    /// PostgreSQL: one statement that locks the first open task in queue order and skips rows other
    /// claimers have locked, so concurrent claimers never wait for or collide with each other. The
    /// ORDER BY is <see cref="QueueOrder"/> and walks ix_review_tasks_queue_order, filtering the
    /// worker's queues and free leases on the way; the engine tests run the queue-order test on both
    /// providers to keep the two spellings equal, and explain this statement to check the plan.
    /// </summary>
    internal static IQueryable<ReviewTask> ClaimSkippingLocked(
        BacklogFlowDbContext db, string worker, string[] queueNames, DateTimeOffset now, DateTimeOffset leaseEnd, Guid token) =>
        db.ReviewTasks.FromSql($"""
            UPDATE review_tasks AS t
               SET "ClaimedBy" = {worker}, "ClaimedAt" = {now}, "LeaseExpiresAt" = {leaseEnd}, "ClaimToken" = {token},
                   "ClaimCount" = t."ClaimCount" + 1, "Version" = t."Version" + 1
              FROM (SELECT "Id" FROM review_tasks
                     WHERE "Queue" = ANY({queueNames}) AND "CompletedAt" IS NULL
                       AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" <= {now})
                     ORDER BY "ClassRank", "DueDate", "ReceivedAt"
                     LIMIT 1
                     FOR UPDATE SKIP LOCKED) AS next
             WHERE t."Id" = next."Id"
            RETURNING t.*
            """).AsNoTracking();

    /// <summary>The tasks <paramref name="worker"/> holds a live lease on, the soonest due first.</summary>
    public async Task<IReadOnlyList<ReviewTask>> HeldByAsync(string worker, int skip, int take, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.ReviewTasks.AsNoTracking()
            .Where(t => t.ClaimedBy == worker && t.CompletedAt == null && t.LeaseExpiresAt > now)
            .OrderBy(t => t.DueDate).ThenBy(t => t.Id)
            .Skip(skip).Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Gives a held task back to its queue, with the reason.</summary>
    public async Task ReleaseAsync(Guid taskId, string worker, string reason, CancellationToken cancellationToken)
    {
        using var turn = await SqliteTurnAsync(cancellationToken);
        var task = await LoadAsync(taskId, cancellationToken);
        var now = time.GetUtcNow();
        task.Release(worker, now, reason);
        db.Audit(worker, AuditActions.TaskReleased, AuditTrail.TaskSubject(task.Id), new { claimedBy = worker }, new { reason }, now);
        await SaveAsync(task, worker, cancellationToken);
    }

    /// <summary>Decides the case of a held task; the decision is published to the source system after the commit.</summary>
    public async Task<ApplicationCase> CompleteAsync(Guid taskId, string worker, DecisionOutcome outcome, CancellationToken cancellationToken)
    {
        using var turn = await SqliteTurnAsync(cancellationToken);
        var task = await LoadAsync(taskId, cancellationToken);
        var now = time.GetUtcNow();
        task.Complete(worker, now);
        var reviewed = await db.Cases.SingleAsync(c => c.Id == task.CaseId, cancellationToken);
        var before = new { status = reviewed.Status.ToString(), task = task.Id };
        reviewed.DecideAfterReview(outcome, now, worker, catalog.Get(reviewed.Product), catalog.Calendar);
        db.Enqueue(DecisionMessages.For(reviewed), now);
        db.Audit(worker, AuditActions.CaseDecided, AuditTrail.CaseSubject(reviewed.Id), before,
            new { status = reviewed.Status.ToString(), outcome = YamlSpellings.Of(outcome), reviewed.LegalDeadlineMet }, now);
        await SaveAsync(task, worker, cancellationToken);
        return reviewed;
    }

    /// <summary>A turn among this process's work-queue writes on SQLite (see <see cref="SqliteWriteTurns"/>); none on PostgreSQL.</summary>
    private async Task<IDisposable?> SqliteTurnAsync(CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? null : await sqliteTurns.WaitAsync(cancellationToken);

    private async Task<ReviewTask> LoadAsync(Guid taskId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.ReviewTasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new KeyNotFoundException($"Review task {taskId} does not exist.");
    }

    private async Task SaveAsync(ReviewTask task, string worker, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Between our read and our write the lease ran out and another worker claimed the task.
            db.ChangeTracker.Clear();
            throw new TaskNotHeldException(task.Id, worker);
        }
    }
}
