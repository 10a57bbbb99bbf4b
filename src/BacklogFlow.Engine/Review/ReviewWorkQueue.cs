using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

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
    FairShares fairShares,
    ServingOrder servingOrder)
{
    /// <summary>Attempts before giving up when other workers keep taking the chosen task first.</summary>
    private const int MaxClaimAttempts = 16;

    /// <summary>
    /// Claims the next task for <paramref name="worker"/> from the given queues, or returns null if
    /// there is none. The best priority class (in the serving order in force) present among the
    /// queues' claimable tasks goes first (fair share never serves a regular task before a mandatory
    /// one); between the queues that hold that class, <see cref="FairShare"/> picks by weight, so one
    /// provider's surge does not starve another's; within the queue, queue order. Paused queues hand
    /// out nothing. A task whose refusal <paramref name="worker"/> intended is skipped: it waits for
    /// a second reviewer (four eyes). The claim and its audit entry commit together.
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

        var ranking = (await servingOrder.CurrentAsync(cancellationToken)).Ranking;
        return db.Database.IsPostgreSql()
            ? await ClaimOnPostgreSqlAsync(worker, running, ranking, cancellationToken)
            : await ClaimOnSqliteAsync(worker, running, ranking, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: one statement per attempt (<see cref="ClaimSkippingLockedAsync"/>), given the queues in
    /// fair share's turn and the classes in serving order; it takes the first free task of the best
    /// class present and writes the audit entry, and commits on its own: one round trip per claim.
    /// </summary>
    private async Task<ReviewTask?> ClaimOnPostgreSqlAsync(
        string worker, IReadOnlyList<QueueWeight> running, ClassRanking ranking, CancellationToken cancellationToken)
    {
        // Claims run on connections that price sequential scans out (see DatabaseRegistration.WithIndexScans).
        db.UseConnectionVariant(DatabaseRegistration.WithIndexScans);

        string[] classes = [.. ranking.Order];
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var turns = fairShares.BeginClaim(running);
            ReviewTask? claimed = null;
            try
            {
                var leaseEnd = now + options.Value.LeaseDuration;
                claimed = await ClaimSkippingLockedAsync(worker, turns.Order as string[] ?? [.. turns.Order], classes, now, leaseEnd, cancellationToken);
            }
            finally
            {
                fairShares.EndClaim(turns, claimed?.Queue, claimed?.PriorityClass, running);
            }

            if (claimed is not null)
            {
                return claimed;
            }

            // Nothing taken: either nothing of these classes is claimable in these queues, or every
            // claimable task of them was locked by other claimers at that moment. Look again only in
            // the second case, or for classes the serving order does not name.
            if (await ClassesToServeAsync(db, worker, [.. running.Select(q => q.Queue)], classes, cancellationToken) is not { } next)
            {
                return null;
            }

            classes = next;
        }

        return null;
    }

    /// <summary>
    /// The classes a claim that found nothing of <paramref name="classes"/> should look at next: the
    /// same when some task of them is still claimable; else the classes of the claimable tasks left,
    /// which the serving order does not name (the definitions dropped them since: they go after
    /// every ranked class rather than never); null when nothing is claimable. The second query runs
    /// only when no ranked task is left, so it reads only what it returns.
    /// </summary>
    private static async Task<string[]?> ClassesToServeAsync(
        BacklogFlowDbContext db, string worker, string[] queues, string[] classes, CancellationToken cancellationToken)
    {
        if (await OpenTasks(db, worker, queues).AnyAsync(t => classes.Contains(t.PriorityClass), cancellationToken))
        {
            return classes;
        }

        var unranked = await OpenTasks(db, worker, queues).Select(t => t.PriorityClass).Distinct().ToArrayAsync(cancellationToken);
        return unranked.Length == 0 ? null : [.. unranked.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// SQLite: in one transaction with its audit entry, the queues' heads per class, fair share's
    /// choice among those in the best class, that queue's first task of the class, and an UPDATE of
    /// that task whose conditions repeat the claimability test, so that where another claim changed
    /// the row meanwhile the second claimer updates nothing and looks again.
    /// </summary>
    private async Task<ReviewTask?> ClaimOnSqliteAsync(
        string worker, IReadOnlyList<QueueWeight> running, ClassRanking ranking, CancellationToken cancellationToken)
    {
        using var turn = await SqliteTurnAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var queues = running.Select(q => q.Queue).ToArray();
        string[] classes = [.. ranking.Order];
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var heads = await QueueHeads(db, worker, queues, classes).ToListAsync(cancellationToken);
            if (heads.Count == 0)
            {
                if (await ClassesToServeAsync(db, worker, queues, classes, cancellationToken) is not { } next || next == classes)
                {
                    break;
                }

                classes = next;
                continue;
            }

            var best = heads.MinBy(h => Array.IndexOf(classes, h.PriorityClass))!.PriorityClass;
            var candidates = running.Where(q => heads.Any(h => h.Queue == q.Queue && h.PriorityClass == best)).ToList();
            var queue = fairShares.Next(candidates);
            var leaseEnd = now + options.Value.LeaseDuration;
            var first = await FirstInQueueOrder(OpenTasks(db, worker, queue).Where(t => t.PriorityClass == best))
                .Cast<Guid?>().FirstOrDefaultAsync(cancellationToken);
            if (first is not { } id)
            {
                continue;
            }

            var updated = await db.ReviewTasks
                .Where(ReviewTask.IsClaimable)
                .Where(t => t.Id == id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.ClaimedBy, worker)
                    .SetProperty(t => t.ClaimedAt, now)
                    .SetProperty(t => t.LeaseExpiresAt, leaseEnd)
                    .SetProperty(t => t.ClaimCount, t => t.ClaimCount + 1)
                    .SetProperty(t => t.Version, t => t.Version + 1),
                    cancellationToken);
            if (updated == 1)
            {
                var claimed = await db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken);
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
    /// Each pair of one of <paramref name="queueNames"/> and one of <paramref name="classes"/> that has
    /// a claimable task: one index seek per pair (ix_review_tasks_queue_order is led by the queue and
    /// the class; asked in its order, so no planner scans the table for "any row"), in one statement.
    /// </summary>
    internal static IQueryable<QueueHead> QueueHeads(BacklogFlowDbContext db, string worker, string[] queueNames, string[] classes) =>
        queueNames
            .SelectMany(queue => classes.Select(priorityClass => OpenTasks(db, worker, queue)
                .Where(t => t.PriorityClass == priorityClass)
                .InClassOrder()
                .Select(t => new QueueHead { Queue = t.Queue, PriorityClass = t.PriorityClass })
                .Take(1)))
            .Aggregate((all, next) => all.Concat(next));

    /// <summary>
    /// Claimable tasks of the queue (<see cref="ReviewTask.IsClaimable"/>) that are not waiting for
    /// a reviewer other than <paramref name="worker"/>.
    /// </summary>
    internal static IQueryable<ReviewTask> OpenTasks(BacklogFlowDbContext db, string worker, string queue) =>
        ClaimableBy(db, worker).Where(t => t.Queue == queue);

    /// <inheritdoc cref="OpenTasks(BacklogFlowDbContext, string, string)"/>
    private static IQueryable<ReviewTask> OpenTasks(BacklogFlowDbContext db, string worker, string[] queues) =>
        ClaimableBy(db, worker).Where(t => queues.Contains(t.Queue));

    private static IQueryable<ReviewTask> ClaimableBy(BacklogFlowDbContext db, string worker) =>
        db.ReviewTasks.Where(ReviewTask.IsClaimable).Where(t => t.RefusalIntendedBy == null || t.RefusalIntendedBy != worker);

    /// <summary>The id of the first task of one class in queue order: the task the claim on SQLite takes (ClaimsAtScaleTests explains it).</summary>
    internal static IQueryable<Guid> FirstInQueueOrder(IQueryable<ReviewTask> openOfOneClass) =>
        openOfOneClass.InClassOrder().Select(t => t.Id).Take(1);

    /// <summary>
    /// PostgreSQL: the claim of the first free task of the best class in <paramref name="classes"/>
    /// (serving order) among <paramref name="turns"/> (fair share's order), with its audit entry, in
    /// one statement (<see cref="ClaimStatement"/>), sent as it is with positional parameters and
    /// read by <see cref="EntityRowReader"/>: see <see cref="ClaimStatement"/> for why not through EF Core.
    /// </summary>
    private async Task<ReviewTask?> ClaimSkippingLockedAsync(
        string worker, string[] turns, string[] classes, DateTimeOffset now, DateTimeOffset leaseEnd, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(ClaimStatement.Sql, (NpgsqlConnection)db.Database.GetDbConnection())
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = worker },
                    new NpgsqlParameter<string[]> { TypedValue = turns },
                    new NpgsqlParameter<string[]> { TypedValue = classes },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseEnd },
                    new NpgsqlParameter<string> { TypedValue = AuditTrail.ActorName(worker) },
                    new NpgsqlParameter<string> { TypedValue = AuditTrail.ToJson(leaseEnd) },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? EntityRowReader.Read<ReviewTask>(db.Model, reader) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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

    /// <summary>
    /// The tasks of <paramref name="queues"/> parked while their applicant is heard on an intent to
    /// refuse (<see cref="ReviewTask.ParkedUntil"/>), the soonest back first: where a reviewer finds
    /// the case to record the applicant's response.
    /// </summary>
    public async Task<IReadOnlyList<ReviewTask>> AwaitingHearingAsync(IReadOnlyCollection<string> queues, int skip, int take, CancellationToken cancellationToken) =>
        await db.ReviewTasks.AsNoTracking()
            .Where(ReviewTask.IsParked).Where(t => queues.Contains(t.Queue))
            .OrderBy(t => t.ParkedUntil).ThenBy(t => t.Id)
            .Skip(skip).Take(take)
            .ToListAsync(cancellationToken);

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
    /// period, and the task goes back to the queue for a second reviewer, never to the holder again,
    /// parked until the hearing is over (<see cref="ReviewTask.ParkedUntil"/>).
    /// </summary>
    public Task<ApplicationCase> IntendToRefuseAsync(Guid taskId, string worker, string reason, CancellationToken cancellationToken) =>
        ChangeCaseOfHeldTaskAsync(taskId, worker, cancellationToken, (task, reviewed, now) =>
        {
            reviewed.IntendToRefuse(worker, now, reason, catalog.Get(reviewed.Product));
            task.ReturnForSecondReviewer(worker, now, reviewed.RefusalPossibleFrom!.Value);
            return new(AuditActions.RefusalIntended, new { task = task.Id },
                new { reason, reviewed.HearingEndsOn, taskReleased = ReviewTask.AwaitingSecondReviewerReason, task.ParkedUntil });
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
    /// The hold is checked first; <paramref name="change"/> takes the task's and the case's steps
    /// (either may refuse, and then nothing is saved) and says what to audit.
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
    /// hearing period ends, and the case's task, parked for the hearing, is back in its queue. Any
    /// reviewer may record it; the task need not be held.
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
        // A second reviewer may refuse now: the task parked for the hearing goes back to its queue.
        var parked = await db.ReviewTasks.SingleOrDefaultAsync(ReviewTask.OpenOf(caseId), cancellationToken);
        var taskReturned = parked?.Unpark() == true;
        db.Audit(reviewer, AuditActions.HearingResponseRecorded, AuditTrail.CaseSubject(heard.Id), null,
            new { heard.HearingResponseAt, heard.HearingEndsOn, taskReturned }, now);
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
