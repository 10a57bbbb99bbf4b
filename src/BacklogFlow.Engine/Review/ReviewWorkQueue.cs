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
    /// there is none. The best priority class present among the queues' first claimable tasks goes
    /// first (fair share never serves a regular task before a mandatory one); between the queues
    /// whose first task is in that class, <see cref="FairShare"/> picks by weight, so one provider's
    /// surge does not starve another's; within the queue, queue order. Paused queues hand out
    /// nothing. A task whose refusal <paramref name="worker"/> intended is skipped: it waits for a
    /// second reviewer (four eyes). The claim and its audit entry commit together.
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

        return db.Database.IsNpgsql()
            ? await ClaimOnPostgreSqlAsync(worker, running, cancellationToken)
            : await ClaimOnSqliteAsync(worker, running, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: one statement per attempt (<see cref="ClaimSkippingLocked"/>), given the queues in
    /// fair share's turn; it looks at the heads, takes the task and writes the audit entry, and
    /// commits on its own: one round trip per claim.
    /// </summary>
    private async Task<ReviewTask?> ClaimOnPostgreSqlAsync(string worker, IReadOnlyList<QueueWeight> running, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var turns = fairShares.Turns(running).ToArray();
            var claimed = (await ClaimSkippingLocked(db, worker, turns, now, now + options.Value.LeaseDuration, Guid.NewGuid())
                .ToListAsync(cancellationToken)).SingleOrDefault();
            if (claimed is not null)
            {
                fairShares.Served(claimed.Queue, running);
                return claimed;
            }

            // Nothing taken: either nothing is claimable in these queues, or other claimers locked
            // the chosen queue's last free tasks of the class between the statement's look at the
            // heads and its lock (the claim takes only that class, so no worse task slips ahead of
            // a better one in another queue). Look again only in the second case.
            if (!await QueueHeads(db, worker, turns).AnyAsync(cancellationToken))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// SQLite: in one transaction with its audit entry, the queues' heads, fair share's choice among
    /// those in the best class, and an UPDATE whose conditions repeat the claimability test, so
    /// that where another claim changed the row meanwhile the second claimer updates nothing.
    /// </summary>
    private async Task<ReviewTask?> ClaimOnSqliteAsync(string worker, IReadOnlyList<QueueWeight> running, CancellationToken cancellationToken)
    {
        using var turn = await SqliteTurnAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var heads = await QueueHeads(db, worker, [.. running.Select(q => q.Queue)]).ToListAsync(cancellationToken);
            if (heads.Count == 0)
            {
                break;
            }

            var best = heads.Min(h => h.ClassRank);
            var candidates = running.Where(q => heads.Any(h => h.Queue == q.Queue && h.ClassRank == best)).ToList();
            var queue = fairShares.Next(candidates);
            var leaseEnd = now + options.Value.LeaseDuration;
            var token = Guid.NewGuid();
            var next = FirstInQueueOrder(OpenTasks(db, worker, queue).Where(t => t.ClassRank == best));
            var updated = await db.ReviewTasks
                .Where(ReviewTask.IsClaimable)
                .Where(t => next.Contains(t.Id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.ClaimedBy, worker)
                    .SetProperty(t => t.ClaimedAt, now)
                    .SetProperty(t => t.LeaseExpiresAt, leaseEnd)
                    .SetProperty(t => t.ClaimToken, token)
                    .SetProperty(t => t.ClaimCount, t => t.ClaimCount + 1)
                    .SetProperty(t => t.Version, t => t.Version + 1),
                    cancellationToken);
            if (updated == 1)
            {
                var claimed = await db.ReviewTasks.AsNoTracking().SingleAsync(t => t.ClaimToken == token, cancellationToken);
                db.Audit(worker, AuditActions.TaskClaimed, AuditTrail.TaskSubject(claimed.Id), before: null,
                    new { claimed.Queue, claimed.PriorityClass, claimed.DueDate, claimed.ClaimCount, claimed.LeaseExpiresAt }, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return claimed;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The first claimable task's class rank in each of <paramref name="queueNames"/> that has one:
    /// one index seek per queue (ix_review_tasks_queue_order is led by the queue), in one statement.
    /// </summary>
    internal static IQueryable<QueueHead> QueueHeads(BacklogFlowDbContext db, string worker, string[] queueNames) =>
        queueNames
            .Select(queue => OpenTasks(db, worker, queue).InQueueOrder().Select(t => new QueueHead { Queue = t.Queue, ClassRank = t.ClassRank }).Take(1))
            .Aggregate((all, next) => all.Concat(next));

    /// <summary>
    /// Claimable tasks of the queue (<see cref="ReviewTask.IsClaimable"/>) that are not waiting for
    /// a reviewer other than <paramref name="worker"/>.
    /// </summary>
    internal static IQueryable<ReviewTask> OpenTasks(BacklogFlowDbContext db, string worker, string queue) =>
        db.ReviewTasks.Where(ReviewTask.IsClaimable).Where(t =>
            t.Queue == queue && (t.RefusalIntendedBy == null || t.RefusalIntendedBy != worker));

    /// <summary>The id of the first task in queue order: the inner select of the claim on SQLite.</summary>
    internal static IQueryable<Guid> FirstInQueueOrder(IQueryable<ReviewTask> open) => open.InQueueOrder().Select(t => t.Id).Take(1);

    /// <summary>
    /// PostgreSQL: the whole claim in one statement. <c>heads</c> is each queue's first claimable
    /// task (one seek per queue into ix_review_tasks_queue_order, which holds only claimable tasks,
    /// so it never walks past held ones); <c>chosen</c> the best class among them and, between the
    /// queues whose head is in it, the first in <paramref name="turns"/> (fair share's order);
    /// <c>next</c> locks that queue's first task of the class in queue order, skipping rows other
    /// claimers have locked, so concurrent claimers never wait for or collide with each other; the
    /// update leases it, and the audit entry is written in the same statement (its fields as the
    /// SQLite path writes them; the engine tests compare the two). The ORDER BY is
    /// <see cref="QueueOrder"/>: the engine tests run the queue-order test on both providers to
    /// keep the two spellings equal, and explain this statement to check the plan. A task awaiting
    /// a second reviewer is skipped by the one who intended its refusal, as on SQLite.
    /// </summary>
    internal static IQueryable<ReviewTask> ClaimSkippingLocked(
        BacklogFlowDbContext db, string worker, string[] turns, DateTimeOffset now, DateTimeOffset leaseEnd, Guid token) =>
        db.ReviewTasks.FromSql($"""
            WITH heads AS (
                SELECT q.queue, q.turn, h."ClassRank"
                  FROM unnest({turns}::text[]) WITH ORDINALITY AS q(queue, turn)
                 CROSS JOIN LATERAL (
                       SELECT "ClassRank" FROM review_tasks
                        WHERE "Queue" = q.queue AND "CompletedAt" IS NULL AND "LeaseExpiresAt" IS NULL
                          AND ("RefusalIntendedBy" IS NULL OR "RefusalIntendedBy" <> {worker})
                        ORDER BY "ClassRank", "DueDate", "ReceivedAt"
                        LIMIT 1) AS h
            ),
            chosen AS (
                SELECT queue, "ClassRank" FROM heads ORDER BY "ClassRank", turn LIMIT 1
            ),
            next AS (
                SELECT "Id" FROM review_tasks
                 WHERE "Queue" = (SELECT queue FROM chosen) AND "ClassRank" = (SELECT "ClassRank" FROM chosen)
                   AND "CompletedAt" IS NULL AND "LeaseExpiresAt" IS NULL
                   AND ("RefusalIntendedBy" IS NULL OR "RefusalIntendedBy" <> {worker})
                 ORDER BY "ClassRank", "DueDate", "ReceivedAt"
                 LIMIT 1
                 FOR UPDATE SKIP LOCKED
            ),
            claimed AS (
                UPDATE review_tasks AS t
                   SET "ClaimedBy" = {worker}, "ClaimedAt" = {now}, "LeaseExpiresAt" = {leaseEnd}, "ClaimToken" = {token},
                       "ClaimCount" = t."ClaimCount" + 1, "Version" = t."Version" + 1
                  FROM next
                 WHERE t."Id" = next."Id"
                RETURNING t.*
            ),
            audited AS (
                INSERT INTO audit_entries ("At", "Actor", "Action", "Subject", "After")
                SELECT {now}, {AuditTrail.ActorName(worker)}, {AuditActions.TaskClaimed}, {AuditTrail.TaskSubjectPrefix} || c."Id",
                       json_build_object('queue', c."Queue", 'priorityClass', c."PriorityClass", 'dueDate', c."DueDate",
                                         'claimCount', c."ClaimCount", 'leaseExpiresAt', {AuditTrail.ToJson(leaseEnd)}::json)::text
                  FROM claimed AS c
            )
            SELECT * FROM claimed
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
