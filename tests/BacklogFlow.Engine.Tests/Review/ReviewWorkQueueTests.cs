using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Review;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Review;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class ReviewWorkQueueTests
{
    protected abstract TestDatabase Database { get; }

    private static readonly string[] AllVogNpQueues = ["vog-np-mandatory", "vog-np-unknown", "vog-np-regular"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaimNextAsync_MixedQueue_MandatoryFirstThenEarliestDeadlineThenOldest()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var start = EngineTestHost.Start;
        var tasks = await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "general", receivedAt: start.AddDays(-10)),
            Applications.Details(sector: "childcare", receivedAt: start.AddDays(-1)),
            Applications.Details(sector: "education", receivedAt: start.AddDays(-3)),
            Applications.Details(sector: "education", receivedAt: start.AddDays(-3).AddHours(-2)),
        ]);

        var order = await ClaimAllAsync(engine, "worker-1");

        // Mandatory class first: the two education cases (earlier deadline first; same deadline,
        // so the older receipt first), then childcare; the regular "general" case last though oldest.
        order.Should().Equal(tasks[3].Id, tasks[2].Id, tasks[1].Id, tasks[0].Id);
    }

    [Fact]
    public async Task ClaimNextAsync_OnlyFromTheWorkersQueues()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(sector: "childcare"), Applications.Details(sector: "general")]);

        var claimed = await engine.ClaimNextAsync("worker-1", ["vog-np-regular"]);
        var nothingMore = await engine.ClaimNextAsync("worker-1", ["vog-np-regular", "gva-review"]);

        claimed!.Queue.Should().Be("vog-np-regular");
        nothingMore.Should().BeNull();
    }

    [Fact]
    public async Task ClaimNextAsync_ManyConcurrentClaimers_NoTaskHandedOutTwice()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync(
            Enumerable.Range(0, 600).Select(i => Applications.Details(sector: i % 3 == 0 ? "childcare" : "general", receivedAt: EngineTestHost.Start.AddMinutes(-i))));
        var claims = new ConcurrentBag<(string Worker, Guid Task)>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var worker = $"worker-{w}";
            while (await engine.ClaimNextAsync(worker, AllVogNpQueues) is { } claimed)
            {
                claims.Add((worker, claimed.Id));
            }
        }, Cancel)));

        claims.Select(c => c.Task).Should().OnlyHaveUniqueItems();
        claims.Select(c => c.Task).Should().BeEquivalentTo(seeded.Select(t => t.Id));
        claims.Select(c => c.Worker).Distinct().Count().Should().BeGreaterThan(1, "the claimers really competed");
        var stored = await engine.QueryAsync(db => db.ReviewTasks.ToListAsync(Cancel));
        stored.Should().OnlyContain(t => t.ClaimCount == 1);
        stored.Select(t => (t.ClaimedBy, t.Id)).Should().BeEquivalentTo(claims.Select(c => ((string?)c.Worker, c.Task)));
    }

    [Fact]
    public async Task ClaimNextAsync_LeaseExpired_ReaperReturnsTheTaskAndOldHolderCannotDecide()
    {
        await using var engine = await EngineTestHost.StartAsync(new Dictionary<string, string?> { ["BacklogFlow:Review:LeaseDuration"] = "00:10:00" }, database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details()]);
        var first = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);
        (await engine.ClaimNextAsync("worker-2", AllVogNpQueues)).Should().BeNull("the lease is still live");

        engine.Time.Advance(TimeSpan.FromMinutes(10));
        var beforeReaping = await engine.ClaimNextAsync("worker-2", AllVogNpQueues);
        var lateBeforeReaping = () => CompleteAsync(engine, first!.Id, "worker-1");
        await lateBeforeReaping.Should().ThrowAsync<TaskNotHeldException>("the lease ran out, reaped or not");
        var reaped = await ReapAsync(engine);
        var second = await engine.ClaimNextAsync("worker-2", AllVogNpQueues);

        beforeReaping.Should().BeNull("a task is back in its queue once the lease reaper has ended the lease");
        reaped.Should().Be(1);
        (await ReapAsync(engine)).Should().Be(0, "a lease is ended once");
        second!.Id.Should().Be(first!.Id);
        second.ClaimCount.Should().Be(2);
        second.LastReleaseReason.Should().Be(ReviewTask.LeaseExpiredReason);
        var late = () => CompleteAsync(engine, first.Id, "worker-1");
        await late.Should().ThrowAsync<TaskNotHeldException>();
        var audit = await engine.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).ToListAsync(Cancel));
        audit.Select(e => (e.Actor, e.Action, e.Subject)).Should().Equal(
            ("worker-1", AuditActions.TaskClaimed, AuditTrail.TaskSubject(first.Id)),
            (LeaseReaper.Actor, AuditActions.LeaseExpired, AuditTrail.TaskSubject(first.Id)),
            ("worker-2", AuditActions.TaskClaimed, AuditTrail.TaskSubject(first.Id)));
        audit[1].Before.Should().Contain("worker-1");
    }

    [Fact]
    public async Task ClaimNextAsync_AuditEntry_RecordsTheClaimedTaskAsStored()
    {
        await using var engine = await EngineTestHost.StartAsync(new Dictionary<string, string?> { ["BacklogFlow:Review:LeaseDuration"] = "00:10:00" }, database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(sector: "childcare")]);

        var claimed = await engine.ClaimNextAsync("reviewer-\"a\"", AllVogNpQueues);

        var entry = await engine.QueryAsync(db => db.AuditEntries.SingleAsync(Cancel));
        entry.Subject.Should().Be(AuditTrail.TaskSubject(claimed!.Id));
        entry.Actor.Should().Be("reviewer-\"a\"");
        entry.At.Should().Be(EngineTestHost.Start);
        entry.Before.Should().BeNull();
        using var after = JsonDocument.Parse(entry.After!);
        after.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("queue", "priorityClass", "dueDate", "claimCount", "leaseExpiresAt");
        var root = after.RootElement;
        root.GetProperty("queue").GetString().Should().Be(claimed.Queue);
        root.GetProperty("priorityClass").GetString().Should().Be(claimed.PriorityClass);
        root.GetProperty("dueDate").GetString().Should().Be(claimed.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        root.GetProperty("claimCount").GetInt32().Should().Be(1);
        root.GetProperty("leaseExpiresAt").GetDateTimeOffset().Should().Be(EngineTestHost.Start.AddMinutes(10));
    }

    private static Task<int> ReapAsync(EngineTestHost engine) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<LeaseReaper>().ReapAsync(Cancel));

    private static Task<ApplicationCase> CompleteAsync(EngineTestHost engine, Guid taskId, string worker) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(taskId, worker, DecisionOutcome.Issue, Cancel));

    [Fact]
    public async Task CompleteAsync_HeldTask_CaseDecidedAndDecisionPublished()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details()]);
        var claimed = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);
        engine.Time.Advance(TimeSpan.FromMinutes(5));

        var decided = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(claimed!.Id, "reviewer-a", DecisionOutcome.Issue, Cancel));

        decided.Status.Should().Be(CaseStatus.Decided);
        decided.DecidedBy.Should().Be("reviewer-a");
        var message = (await engine.Decisions.WaitForAsync(1, Cancel)).Single();
        message.CaseId.Should().Be(seeded[0].CaseId);
        message.DecidedAutomatically.Should().BeFalse();
        message.Outcome.Should().Be(DecisionOutcomes.Issued);
        (await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel))).CompletedAt.Should().Be(engine.Time.GetUtcNow());
        (await engine.ClaimNextAsync("reviewer-b", AllVogNpQueues)).Should().BeNull("a completed task never returns");
        var again = () => engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(claimed!.Id, "reviewer-a", DecisionOutcome.Refuse, Cancel));
        await again.Should().ThrowAsync<TaskNotHeldException>();
    }

    [Fact]
    public async Task CompleteAsync_TaskHeldBySomeoneElse_Refused()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details()]);
        var claimed = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);

        var intruder = () => engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(claimed!.Id, "reviewer-b", DecisionOutcome.Issue, Cancel));

        await intruder.Should().ThrowAsync<TaskNotHeldException>();
        (await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel))).Status.Should().Be(CaseStatus.AwaitingReview);
    }

    [Fact]
    public async Task ReleaseAsync_HeldTask_BackInQueueWithReason()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details()]);
        var claimed = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);

        await engine.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ReviewWorkQueue>().ReleaseAsync(claimed!.Id, "reviewer-a", "needs a colleague with taxi expertise", Cancel);
            return 0;
        });
        var reclaimed = await engine.ClaimNextAsync("reviewer-b", AllVogNpQueues);

        reclaimed!.Id.Should().Be(claimed!.Id);
        reclaimed.ClaimedBy.Should().Be("reviewer-b");
        reclaimed.LastReleaseReason.Should().Be("needs a colleague with taxi expertise");
    }

    [Fact]
    public async Task IntendToRefuseAsync_HeldTask_IntendingReviewerNeverGetsItBackASecondReviewerRefuses()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details()]);
        var claimed = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);

        var intended = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().IntendToRefuseAsync(claimed!.Id, "reviewer-a", "a recent conviction for fraud", Cancel));
        var sameReviewer = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);
        var secondDuringHearing = await engine.ClaimNextAsync("reviewer-b", AllVogNpQueues);
        // The last day of the hearing, late: still parked, even after the reaper's pass.
        engine.Time.SetUtcNow(LegalTime.StartOf(new DateOnly(2021, 11, 17)).AddMinutes(-1));
        (await ReapAsync(engine)).Should().Be(0);
        var secondOnLastHearingDay = await engine.ClaimNextAsync("reviewer-b", AllVogNpQueues);
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        (await ReapAsync(engine)).Should().Be(1, "the hearing is over at midnight");
        var sameReviewerAfterHearing = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);
        var second = await engine.ClaimNextAsync("reviewer-b", AllVogNpQueues);
        var refused = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(second!.Id, "reviewer-b", DecisionOutcome.Refuse, Cancel));

        intended.HearingEndsOn.Should().Be(new DateOnly(2021, 11, 16), "14 days from the day after Tue 2 Nov 2021");
        sameReviewer.Should().BeNull("the reviewer who intended to refuse may not decide the refusal");
        secondDuringHearing.Should().BeNull("nobody may refuse while the applicant is heard: the task is parked");
        secondOnLastHearingDay.Should().BeNull();
        sameReviewerAfterHearing.Should().BeNull();
        second!.Id.Should().Be(claimed!.Id);
        second.RefusalIntendedBy.Should().Be("reviewer-a");
        second.ParkedUntil.Should().BeNull();
        second.LastReleaseReason.Should().Be(ReviewTask.HearingOverReason);
        refused.Outcome.Should().Be(DecisionOutcome.Refuse);
        refused.DecidedBy.Should().Be("reviewer-b");
        var message = (await engine.Decisions.WaitForAsync(1, Cancel)).Single();
        message.CaseId.Should().Be(seeded[0].CaseId);
        message.Outcome.Should().Be(DecisionOutcomes.Refused);
        var audit = await engine.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).ToListAsync(Cancel));
        audit.Select(e => (e.Actor, e.Action, e.Subject)).Should().Equal(
            ("reviewer-a", AuditActions.TaskClaimed, AuditTrail.TaskSubject(claimed.Id)),
            ("reviewer-a", AuditActions.RefusalIntended, AuditTrail.CaseSubject(seeded[0].CaseId)),
            (LeaseReaper.Actor, AuditActions.TaskBackAfterHearing, AuditTrail.TaskSubject(claimed.Id)),
            ("reviewer-b", AuditActions.TaskClaimed, AuditTrail.TaskSubject(claimed.Id)),
            ("reviewer-b", AuditActions.CaseDecided, AuditTrail.CaseSubject(seeded[0].CaseId)));
        audit[1].After.Should().Contain("a recent conviction for fraud").And.Contain("2021-11-16");
    }

    [Fact]
    public async Task ClaimNextAsync_TaskAwaitingASecondReviewer_IntendingReviewerGetsTheNextInQueueOrder()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var start = EngineTestHost.Start;
        var tasks = await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "education", receivedAt: start.AddDays(-3)),
            Applications.Details(sector: "general", receivedAt: start.AddDays(-10)),
            Applications.Details(sector: "childcare", receivedAt: start.AddDays(-1)),
        ]);
        var first = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);
        var intended = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().IntendToRefuseAsync(first!.Id, "reviewer-a", "a record for violence", Cancel));
        await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().RecordHearingResponseAsync(intended.Id, "desk", Cancel));

        var order = await ClaimAllAsync(engine, "reviewer-a");
        var second = await engine.ClaimNextAsync("reviewer-b", AllVogNpQueues);

        first!.Id.Should().Be(tasks[0].Id);
        order.Should().Equal(tasks[2].Id, tasks[1].Id);
        second!.Id.Should().Be(tasks[0].Id);
    }

    [Fact]
    public async Task RecordHearingResponseAsync_TaskParkedForTheHearing_BackInItsQueueAtOnce()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var tasks = await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "education", receivedAt: EngineTestHost.Start.AddDays(-3)),
            Applications.Details(sector: "childcare", receivedAt: EngineTestHost.Start.AddDays(-1)),
        ]);
        var first = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);
        var intended = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().IntendToRefuseAsync(first!.Id, "reviewer-a", "a record for violence", Cancel));
        var parked = await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(t => t.Id == first!.Id, Cancel));

        var duringHearing = await ClaimAllAsync(engine, "reviewer-b");
        engine.Time.Advance(TimeSpan.FromDays(2));
        await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().RecordHearingResponseAsync(intended.Id, "desk", Cancel));
        var afterResponse = await engine.ClaimNextAsync("reviewer-c", AllVogNpQueues);
        var refused = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(afterResponse!.Id, "reviewer-c", DecisionOutcome.Refuse, Cancel));

        first!.Id.Should().Be(tasks[0].Id);
        parked.ParkedUntil.Should().Be(LegalTime.StartOf(intended.HearingEndsOn!.Value.AddDays(1)));
        parked.ClaimedBy.Should().BeNull();
        duringHearing.Should().Equal([tasks[1].Id], "the parked task is offered to no one, though it is first in queue order");
        afterResponse!.Id.Should().Be(first.Id);
        afterResponse.LastReleaseReason.Should().Be(ReviewTask.HearingOverReason);
        afterResponse.ParkedUntil.Should().BeNull();
        refused.Outcome.Should().Be(DecisionOutcome.Refuse);
        var recorded = await engine.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.HearingResponseRecorded, Cancel));
        recorded.After.Should().Contain("\"taskReturned\":true");
    }

    [Fact]
    public async Task CompleteAsync_RefuseWithoutAnIntent_RefusedAndTheCaseStaysOpen()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details()]);
        var claimed = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);

        var alone = () => engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(claimed!.Id, "reviewer-a", DecisionOutcome.Refuse, Cancel));

        await alone.Should().ThrowAsync<InvalidCaseTransitionException>().WithMessage("*without an intent to refuse*");
        (await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel))).Status.Should().Be(CaseStatus.AwaitingReview);
        (await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel))).CompletedAt.Should().BeNull();
    }

    [Fact]
    public async Task RequestInformationAsync_HeldTask_DeadlineMovesAndTheTaskFollowsBackInTheQueue()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details()]);
        var claimed = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);
        claimed!.DueDate.Should().Be(new DateOnly(2021, 12, 28));

        var suspended = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().RequestInformationAsync(claimed.Id, "reviewer-a", 14, Cancel));

        suspended.LegalDeadline.Should().Be(new DateOnly(2022, 1, 11), "suspended Wed 3 through Tue 16 Nov 2021: 14 days");
        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        stored.LegalDeadline.Should().Be(new DateOnly(2022, 1, 11));
        stored.Clock.Events.OfType<ClockSuspended>().Should().ContainSingle().Which.Reason.Should().Be(SuspensionReason.RequestToComplete);
        var task = await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel));
        task.DueDate.Should().Be(new DateOnly(2022, 1, 11));
        task.ClaimedBy.Should().BeNull();
        task.LastReleaseReason.Should().Be(ReviewTask.WaitingForInformationReason);
        var audit = await engine.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.InformationRequested).SingleAsync(Cancel));
        audit.Subject.Should().Be(AuditTrail.CaseSubject(seeded[0].CaseId));
        audit.Before.Should().Contain("2021-12-28");
        audit.After.Should().Contain("2022-01-11");
    }

    /// <summary>Claims from every vog-np queue until nothing is left for <paramref name="worker"/>; the ids in claim order.</summary>
    private static async Task<List<Guid>> ClaimAllAsync(EngineTestHost engine, string worker)
    {
        var order = new List<Guid>();
        while (await engine.ClaimNextAsync(worker, AllVogNpQueues) is { } claimed)
        {
            order.Add(claimed.Id);
        }

        return order;
    }
}

public sealed class ReviewWorkQueueTestsOnSqlite : ReviewWorkQueueTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class ReviewWorkQueueTestsOnPostgreSql : ReviewWorkQueueTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
