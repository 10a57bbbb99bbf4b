using System.Linq.Expressions;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Review;

/// <summary>
/// A case waiting for a person. A claim is a lease that expires, so a worker who walks away does
/// not keep the task: the engine's lease reaper ends a lease that ran out (<see cref="ExpireLease"/>)
/// and the task is claimable again. A task whose refusal is intended waits out of the queue while
/// the applicant is heard (<see cref="ParkedUntil"/>). Claimable means not completed, no lease
/// recorded and not parked (<see cref="IsClaimable"/>), so the claim's index holds exactly the
/// claimable tasks and never walks past held or parked ones.
/// </summary>
public sealed class ReviewTask
{
    /// <summary>Why a task that went back to the queue for a second reviewer did so.</summary>
    public const string AwaitingSecondReviewerReason = "intent to refuse: awaiting a second reviewer";

    /// <summary>Why a task whose applicant was asked to complete the application went back to the queue.</summary>
    public const string WaitingForInformationReason = "waiting for information";

    /// <summary>Why a task whose holder let the lease run out went back to the queue.</summary>
    public const string LeaseExpiredReason = "lease expired";

    /// <summary>Why a task parked for the applicant's hearing is back in the queue.</summary>
    public const string HearingOverReason = "intent to refuse: hearing over, awaiting a second reviewer";

    private ReviewTask()
    {
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Queue { get; private set; } = "";

    /// <summary>
    /// The task's priority class. Its rank is not stored: the order in force (<see cref="ClassRanking"/>)
    /// is applied when a claim or a listing reads the tasks, so a supervisor's reorder changes no task.
    /// </summary>
    public string PriorityClass { get; private set; } = "";

    /// <summary>The effective due date the queue orders by.</summary>
    public DateOnly DueDate { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public int ClaimCount { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public string? LastReleaseReason { get; private set; }

    /// <summary>
    /// Set when the holder recorded an intent to refuse: the task went back to the queue for a second
    /// reviewer, and the claim never hands it to this worker again (four eyes).
    /// </summary>
    public string? RefusalIntendedBy { get; private set; }

    /// <summary>
    /// Set while the applicant is heard on an intent to refuse: until then no one may refuse and the
    /// task has nothing for a second reviewer but waiting, so it is out of the queue (offered, it stood
    /// at the head of its queue and came back to every reviewer who released it). The lease reaper
    /// returns it when this passes (<see cref="ParkRanOutBy"/>); recording the applicant's response
    /// returns it at once (<see cref="Unpark"/>).
    /// </summary>
    public DateTimeOffset? ParkedUntil { get; private set; }

    /// <summary>Optimistic concurrency: every claim, release and completion bumps it.</summary>
    public int Version { get; private set; }

    public static ReviewTask For(ApplicationCase reviewCase, ReviewQueue queue, PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(reviewCase);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(priorityClass);
        return new ReviewTask
        {
            Id = Guid.CreateVersion7(),
            CaseId = reviewCase.Id,
            Queue = queue.Name,
            PriorityClass = priorityClass.Name,
            DueDate = reviewCase.EffectiveDueDate,
            ReceivedAt = reviewCase.ReceivedAt,
        };
    }

    public bool IsCompleted => CompletedAt is not null;

    /// <summary>Follows the case's clock: a suspension or extension moves the due date the queue orders by.</summary>
    public void Reschedule(DateOnly dueDate)
    {
        if (!IsCompleted && dueDate != DueDate)
        {
            DueDate = dueDate;
            Version++;
        }
    }

    /// <summary>
    /// The tasks an escalation to <paramref name="targetClass"/> moves up: open ones in a class
    /// <paramref name="ranking"/> serves after it. An expression, so the deadline sweeper moves every
    /// task of a warning band in one statement (it sets the class and a new version).
    /// </summary>
    public static Expression<Func<ReviewTask, bool>> EscalatedTo(string targetClass, ClassRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var servedAfter = ranking.ServedAfter(targetClass);
        return task => task.CompletedAt == null && servedAfter.Contains(task.PriorityClass);
    }

    /// <summary>Open tasks no lease is recorded on and not parked: what a claim may take.</summary>
    public static Expression<Func<ReviewTask, bool>> IsClaimable =>
        task => task.CompletedAt == null && task.LeaseExpiresAt == null && task.ParkedUntil == null;

    /// <summary>The open task of the case <paramref name="caseId"/> (a case has at most one).</summary>
    public static Expression<Func<ReviewTask, bool>> OpenOf(Guid caseId) =>
        task => task.CaseId == caseId && task.CompletedAt == null;

    /// <summary>Open tasks a lease is recorded on (ix_review_tasks_leases holds them).</summary>
    public static Expression<Func<ReviewTask, bool>> IsHeld =>
        task => task.CompletedAt == null && task.LeaseExpiresAt != null;

    /// <summary>Open tasks parked for an applicant's hearing (ix_review_tasks_parked holds them).</summary>
    public static Expression<Func<ReviewTask, bool>> IsParked =>
        task => task.CompletedAt == null && task.ParkedUntil != null;

    /// <summary>Open tasks whose parking ran out by <paramref name="now"/>: what the lease reaper returns to the queue.</summary>
    public static Expression<Func<ReviewTask, bool>> ParkRanOutBy(DateTimeOffset now) =>
        task => task.CompletedAt == null && task.ParkedUntil <= now;

    /// <summary>Open tasks whose lease ran out by <paramref name="now"/>: what the lease reaper ends.</summary>
    public static Expression<Func<ReviewTask, bool>> LeaseRanOutBy(DateTimeOffset now) =>
        task => task.CompletedAt == null && task.LeaseExpiresAt <= now;

    public void Release(string worker, DateTimeOffset now, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RequireHeldBy(worker, now);
        ReturnToQueue(reason);
    }

    /// <summary>
    /// Ends a lease that ran out by <paramref name="now"/>: the task goes back to its queue. False,
    /// and nothing changes, when the task is completed, unleased or still held.
    /// </summary>
    public bool ExpireLease(DateTimeOffset now)
    {
        if (IsCompleted || LeaseExpiresAt is not { } end || end > now)
        {
            return false;
        }

        ReturnToQueue(LeaseExpiredReason);
        return true;
    }

    private void ReturnToQueue(string reason)
    {
        ClaimedBy = null;
        ClaimedAt = null;
        LeaseExpiresAt = null;
        LastReleaseReason = reason;
        Version++;
    }

    /// <summary>
    /// The holder recorded an intent to refuse: the task goes back to the queue for a second reviewer,
    /// who alone may refuse, parked until <paramref name="refusalPossibleFrom"/> (the hearing's end).
    /// The claim skips it for <paramref name="worker"/> from now on.
    /// </summary>
    public void ReturnForSecondReviewer(string worker, DateTimeOffset now, DateTimeOffset refusalPossibleFrom)
    {
        Release(worker, now, AwaitingSecondReviewerReason);
        RefusalIntendedBy = worker;
        ParkedUntil = refusalPossibleFrom;
    }

    /// <summary>
    /// Back in the queue after the hearing (its period passed or the response was recorded). False,
    /// and nothing changes, when the task is completed or not parked.
    /// </summary>
    public bool Unpark()
    {
        if (IsCompleted || ParkedUntil is null)
        {
            return false;
        }

        ParkedUntil = null;
        if (LeaseExpiresAt is null)
        {
            // Back in the queue (a supervisor may have assigned it to someone meanwhile: then it stays theirs).
            LastReleaseReason = HearingOverReason;
        }

        Version++;
        return true;
    }

    public void Complete(string worker, DateTimeOffset now)
    {
        RequireHeldBy(worker, now);
        CompletedAt = now;
        Version++;
    }

    private void RequireHeldBy(string worker, DateTimeOffset now)
    {
        if (!IsHeldBy(worker, now))
        {
            throw new TaskNotHeldException(Id, worker);
        }
    }

    public bool IsHeldBy(string worker, DateTimeOffset now) =>
        !IsCompleted && ClaimedBy == worker && LeaseExpiresAt > now;
}
