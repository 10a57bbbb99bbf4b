using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Review;

/// <summary>
/// What a case worker does with review tasks: claim the next one, release it, decide it, intend to
/// refuse it (it goes back to the queue for a second reviewer), or ask the applicant for information.
/// A claim is one UPDATE statement, so two workers can never hold the same task; it is a lease that
/// expires. Each action is audited in the transaction that makes it.
/// </summary>
public sealed class ReviewWorkQueue(
    BacklogFlowDbContext db,
    WorkflowCatalog catalog,
    TimeProvider time,
    IOptions<ReviewOptions> options,
    SqliteWriteTurns sqliteTurns,
    QueueRoster roster,
    FairShares fairShares)
{
    /// <summary>Attempts before giving up when other workers keep taking the chosen task first.</summary>
    private const int MaxClaimAttempts = 16;

    /// <summary>
    /// Claims the next task for <paramref name="worker"/> from the given queues, or returns null if
    /// there is none. The best priority class present among the queues' first open tasks goes first
    /// (fair share never serves a regular task before a mandatory one); between the queues whose
    /// first task is in that class, <see cref="FairShare"/> picks by weight, so one provider's surge
    /// does not starve another's; within the queue, queue order. Paused queues hand out nothing. A
    /// task whose refusal <paramref name="worker"/> intended is skipped: it waits for a second
    /// reviewer (four eyes). The claim and its audit entry commit together.
    /// </summary>
    public async Task<ReviewTask?> ClaimNextAsync(string worker, IReadOnlyCollection<string> queues, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentNullException.ThrowIfNull(queues);
        var running = await roster.RunningAsync(queues, cancellationToken);
        if (running.Count == 0)
        {
            return null;
        }

        using var turn = await SqliteTurnAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var heads = await QueueHeads(db, worker, [.. running.Select(q => q.Queue)], now).ToListAsync(cancellationToken);
            if (heads.Count == 0)
            {
                break;
            }

            var best = heads.Min(h => h.ClassRank);
            var candidates = running.Where(q => heads.Any(h => h.Queue == q.Queue && h.ClassRank == best)).ToList();
            var queue = fairShares.Next(candidates);
            var claimed = db.Database.IsNpgsql()
                ? (await ClaimSkippingLocked(db, worker, queue, best, now, now + options.Value.LeaseDuration, Guid.NewGuid()).ToListAsync(cancellationToken)).SingleOrDefault()
                : await ClaimOnSqliteAsync(worker, queue, best, now, cancellationToken);
            if (claimed is not null)
            {
                db.Audit(worker, AuditActions.TaskClaimed, AuditTrail.TaskSubject(claimed.Id), before: null,
                    new { claimed.Queue, claimed.PriorityClass, claimed.DueDate, claimed.ClaimCount, claimed.LeaseExpiresAt }, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return claimed;
            }

            // Other workers took that queue's last free tasks of the class between the look and the
            // claim (the claim takes only that class, so no worse task slips ahead of a better one in
            // another queue): look again.
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The first claimable task's class rank in each of <paramref name="queueNames"/> that has one:
    /// one index seek per queue (ix_review_tasks_queue_order is led by the queue), in one statement.
    /// </summary>
    internal static IQueryable<QueueHead> QueueHeads(BacklogFlowDbContext db, string worker, string[] queueNames, DateTimeOffset now) =>
        queueNames
            .Select(queue => OpenTasks(db, worker, queue, now).InQueueOrder().Select(t => new QueueHead { Queue = t.Queue, ClassRank = t.ClassRank }).Take(1))
            .Aggregate((all, next) => all.Concat(next));

    /// <summary>SQLite: the first open task of the queue and class, taken with an UPDATE whose conditions repeat the openness test.</summary>
    private async Task<ReviewTask?> ClaimOnSqliteAsync(string worker, string queue, int classRank, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leaseEnd = now + options.Value.LeaseDuration;
        var token = Guid.NewGuid();
        var next = FirstInQueueOrder(OpenTasks(db, worker, queue, now).Where(t => t.ClassRank == classRank));

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
        return claimed == 1 ? await db.ReviewTasks.AsNoTracking().SingleAsync(t => t.ClaimToken == token, cancellationToken) : null;
    }

    /// <summary>
    /// Tasks of the queue that are not completed, not held under a live lease, and not waiting for a
    /// reviewer other than <paramref name="worker"/>.
    /// </summary>
    internal static IQueryable<ReviewTask> OpenTasks(BacklogFlowDbContext db, string worker, string queue, DateTimeOffset now) =>
        db.ReviewTasks.Where(t =>
            t.Queue == queue && t.CompletedAt == null && (t.LeaseExpiresAt == null || t.LeaseExpiresAt <= now)
            && (t.RefusalIntendedBy == null || t.RefusalIntendedBy != worker));

    /// <summary>The id of the first task in queue order: the inner select of the claim on SQLite.</summary>
    internal static IQueryable<Guid> FirstInQueueOrder(IQueryable<ReviewTask> open) => open.InQueueOrder().Select(t => t.Id).Take(1);

    /// <summary>
    /// PostgreSQL: one statement that locks the first open task of the queue and class in queue order and skips
    /// rows other claimers have locked, so concurrent claimers never wait for or collide with each
    /// other. The ORDER BY is <see cref="QueueOrder"/> and, with the queue fixed, walks
    /// ix_review_tasks_queue_order (queue, class rank, due date, receipt), skipping live leases on
    /// the way; the engine tests run the queue-order test on both providers to keep the two
    /// spellings equal, and explain this statement to check the plan. A task awaiting a second
    /// reviewer is skipped by the one who intended its refusal, as on SQLite.
    /// </summary>
    internal static IQueryable<ReviewTask> ClaimSkippingLocked(
        BacklogFlowDbContext db, string worker, string queue, int classRank, DateTimeOffset now, DateTimeOffset leaseEnd, Guid token) =>
        db.ReviewTasks.FromSql($"""
            UPDATE review_tasks AS t
               SET "ClaimedBy" = {worker}, "ClaimedAt" = {now}, "LeaseExpiresAt" = {leaseEnd}, "ClaimToken" = {token},
                   "ClaimCount" = t."ClaimCount" + 1, "Version" = t."Version" + 1
              FROM (SELECT "Id" FROM review_tasks
                     WHERE "Queue" = {queue} AND "ClassRank" = {classRank} AND "CompletedAt" IS NULL
                       AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" <= {now})
                       AND ("RefusalIntendedBy" IS NULL OR "RefusalIntendedBy" <> {worker})
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
    public Task<ApplicationCase> CompleteAsync(Guid taskId, string worker, DecisionOutcome outcome, CancellationToken cancellationToken) =>
        ChangeCaseOfHeldTaskAsync(taskId, worker, cancellationToken, (task, reviewed, now) =>
        {
            task.Complete(worker, now);
            var before = new { status = reviewed.Status.ToString(), task = task.Id };
            reviewed.DecideAfterReview(outcome, now, worker, catalog.Get(reviewed.Product), catalog.Calendar);
            db.Enqueue(DecisionMessages.For(reviewed), now);
            return new(AuditActions.CaseDecided, before,
                new { status = reviewed.Status.ToString(), outcome = YamlSpellings.Of(outcome), reviewed.LegalDeadlineMet });
        });

    /// <summary>
    /// The holder intends to refuse: the case records the intent and opens the applicant's hearing
    /// period, and the task goes back to the queue for a second reviewer, never to the holder again.
    /// </summary>
    public Task<ApplicationCase> IntendToRefuseAsync(Guid taskId, string worker, string reason, CancellationToken cancellationToken) =>
        ChangeCaseOfHeldTaskAsync(taskId, worker, cancellationToken, (task, reviewed, now) =>
        {
            task.ReturnForSecondReviewer(worker, now);
            reviewed.IntendToRefuse(worker, now, reason, catalog.Get(reviewed.Product));
            return new(AuditActions.RefusalIntended, new { task = task.Id },
                new { reason, reviewed.HearingEndsOn, taskReleased = ReviewTask.AwaitingSecondReviewerReason });
        });

    /// <summary>
    /// The holder asks the applicant to complete the application within <paramref name="periodDays"/>:
    /// the clock records the suspension (request to complete), the task follows the new due date and
    /// goes back to the queue, released "waiting for information", so that it is not kept under a
    /// lease while the applicant is away; its later due date lets it sink in queue order.
    /// </summary>
    public Task<ApplicationCase> RequestInformationAsync(Guid taskId, string worker, int periodDays, CancellationToken cancellationToken) =>
        ChangeCaseOfHeldTaskAsync(taskId, worker, cancellationToken, (task, reviewed, now) =>
        {
            task.Release(worker, now, ReviewTask.WaitingForInformationReason);
            var before = new { reviewed.LegalDeadline, reviewed.EffectiveDueDate, task = task.Id };
            reviewed.RequestInformation(worker, now, periodDays, catalog.Get(reviewed.Product), catalog.Calendar);
            task.Reschedule(reviewed.EffectiveDueDate);
            return new(AuditActions.InformationRequested, before,
                new { periodDays, reviewed.LegalDeadline, reviewed.EffectiveDueDate, taskReleased = ReviewTask.WaitingForInformationReason });
        });

    /// <summary>
    /// One reviewer's action on a held task and its case, in one transaction with its audit entry.
    /// <paramref name="change"/> takes the task's step first (which checks the hold), then the case's,
    /// and says what to audit.
    /// </summary>
    private async Task<ApplicationCase> ChangeCaseOfHeldTaskAsync(
        Guid taskId, string worker, CancellationToken cancellationToken, Func<ReviewTask, ApplicationCase, DateTimeOffset, CaseChange> change)
    {
        using var turn = await SqliteTurnAsync(cancellationToken);
        var task = await LoadAsync(taskId, cancellationToken);
        var now = time.GetUtcNow();
        if (!task.IsHeldBy(worker, now))
        {
            throw new TaskNotHeldException(task.Id, worker);
        }

        var reviewed = await db.Cases.SingleAsync(c => c.Id == task.CaseId, cancellationToken);
        var audited = change(task, reviewed, now);
        db.Audit(worker, audited.Action, AuditTrail.CaseSubject(reviewed.Id), audited.Before, audited.After, now);
        await SaveAsync(task, worker, cancellationToken);
        return reviewed;
    }

    /// <summary>What a case change writes to the audit log.</summary>
    private sealed record CaseChange(string Action, object Before, object After);

    /// <summary>
    /// The applicant responded to an intent to refuse: a second reviewer may now decide before the
    /// hearing period ends. Any reviewer may record it; the task need not be held.
    /// </summary>
    public async Task<ApplicationCase> RecordHearingResponseAsync(Guid caseId, string reviewer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        using var turn = await SqliteTurnAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var heard = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new KeyNotFoundException($"Case {caseId} does not exist.");
        var now = time.GetUtcNow();
        heard.RecordHearingResponse(now);
        db.Audit(reviewer, AuditActions.HearingResponseRecorded, AuditTrail.CaseSubject(heard.Id), null,
            new { heard.HearingResponseAt, heard.HearingEndsOn }, now);
        await db.SaveChangesAsync(cancellationToken);
        return heard;
    }

    /// <summary>A turn among this process's work-queue writes on SQLite (see <see cref="SqliteWriteTurns"/>); none on PostgreSQL.</summary>
    private async Task<IDisposable?> SqliteTurnAsync(CancellationToken cancellationToken) =>
        await sqliteTurns.WaitIfSqliteAsync(db, cancellationToken);

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
