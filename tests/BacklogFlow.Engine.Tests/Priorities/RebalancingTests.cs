using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Engine.Review;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Priorities;

/// <summary>A supervisor's rebalancing, on every database the engine supports: see the derived classes at the end.</summary>
public abstract class RebalancingTests
{
    protected abstract TestDatabase Database { get; }

    private static readonly string[] AllVogNpQueues = ["vog-np-mandatory", "vog-np-unknown", "vog-np-regular"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangeAsync_PausedQueue_HandsOutNothingUntilResumed()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(sector: "childcare"), Applications.Details(sector: "general")]);

        var paused = await ChangeQueueAsync(engine, "vog-np-mandatory", paused: true, weight: null, expectedVersion: 0);
        var whilePaused = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);
        var nothingMore = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);
        var resumed = await ChangeQueueAsync(engine, "vog-np-mandatory", paused: false, weight: null, expectedVersion: 1);
        var afterResume = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);

        paused.Should().BeEquivalentTo(new { Paused = true, Version = 1, ChangedBy = "supervisor-1", Weight = 3 });
        whilePaused!.Queue.Should().Be("vog-np-regular", "the mandatory task is first in order, but its queue is paused");
        nothingMore.Should().BeNull();
        resumed.Paused.Should().BeFalse();
        afterResume!.Queue.Should().Be("vog-np-mandatory");
        var audit = await engine.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.QueueChanged).OrderBy(e => e.Id).ToListAsync(Cancel));
        audit.Select(e => (e.Actor, e.Subject)).Should().Equal(("supervisor-1", "queue:vog-np-mandatory"), ("supervisor-1", "queue:vog-np-mandatory"));
        audit[0].Before.Should().Contain("\"paused\":false");
        audit[0].After.Should().Contain("\"paused\":true");
    }

    [Fact]
    public async Task ChangeAsync_StaleVersion_RefusedAndNothingOverwritten()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await ChangeQueueAsync(engine, "vog-np-regular", paused: null, weight: 5, expectedVersion: 0);

        var stale = () => ChangeQueueAsync(engine, "vog-np-regular", paused: true, weight: null, expectedVersion: 0);
        var badWeight = () => ChangeQueueAsync(engine, "vog-np-regular", paused: null, weight: 0, expectedVersion: 1);

        await stale.Should().ThrowAsync<StaleSettingException>();
        await badWeight.Should().ThrowAsync<RebalanceRefusedException>();
        var setting = await engine.InScopeAsync(sp => sp.GetRequiredService<QueueSettings>().GetAsync("vog-np-regular", Cancel));
        setting.Should().BeEquivalentTo(new { Paused = false, Weight = 5, DeclaredWeight = 1, Version = 1 });
    }

    [Fact]
    public async Task ClaimNextAsync_TwoProvidersQueuesInTheSameClass_ServedByTheirWeightsThenByTheSupervisorsWeights()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync(
        [
            .. Enumerable.Range(0, 60).Select(_ => Applications.Details(sector: "childcare")),
            .. Enumerable.Range(0, 60).Select(_ => Applications.Details(product: "gva", sector: "childcare")),
        ]);
        string[] both = ["vog-np-mandatory", "gva-review"];

        var declared = await ClaimManyAsync(engine, "worker-1", both, 20);
        await ChangeQueueAsync(engine, "gva-review", paused: null, weight: 3, expectedVersion: 0);
        var reweighed = await ClaimManyAsync(engine, "worker-1", both, 20);

        declared.Count(q => q == "vog-np-mandatory").Should().Be(15, "weights 3 : 1 as the definitions declare");
        declared.Count(q => q == "gva-review").Should().Be(5);
        reweighed.Count(q => q == "gva-review").Should().Be(10, "the supervisor made gva's weight equal: 3 : 3");
    }

    [Fact]
    public async Task ClaimNextAsync_BetterClassInALightQueue_ServedBeforeFairShare()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync(
        [
            .. Enumerable.Range(0, 5).Select(_ => Applications.Details(sector: "general")),
            Applications.Details(product: "gva", sector: "childcare"),
        ]);

        var first = await engine.ClaimNextAsync("worker-1", ["vog-np-regular", "gva-review"]);

        first!.Id.Should().Be(seeded[5].Id, "a mandatory task goes before regular ones, whatever the weights");
    }

    [Fact]
    public async Task ReorderAsync_RegularBeforeMandatory_ServedInTheNewOrderWithoutRewritingATask()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var start = EngineTestHost.Start;
        var tasks = await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "childcare", receivedAt: start.AddDays(-1)),
            Applications.Details(sector: "general", receivedAt: start.AddDays(-2)),
        ]);

        var (inForce, reranked) = await engine.InScopeAsync(sp =>
            sp.GetRequiredService<ClassRankings>().ReorderAsync(["at-risk", "regular", "mandatory"], 0, "supervisor-1", Cancel));
        var stored = await engine.QueryAsync(db => db.ReviewTasks.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Version, Cancel));
        var first = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);

        inForce.Ranking.Order.Should().Equal("at-risk", "regular", "mandatory");
        inForce.Version.Should().Be(1);
        reranked.Should().Be(2, "both open tasks are in a class whose rank changed");
        stored.Should().Equal(tasks.ToDictionary(t => t.Id, t => t.Version), "the reorder rewrites no task");
        first!.Id.Should().Be(tasks[1].Id, "regular is served before mandatory now");
        var audit = await engine.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.PriorityReordered, Cancel));
        audit.Before.Should().Contain("[\"at-risk\",\"mandatory\",\"regular\"]");
        audit.After.Should().Contain("[\"at-risk\",\"regular\",\"mandatory\"]").And.Contain("\"reranked\":2");
    }

    [Fact]
    public async Task ReorderAsync_StaleVersionOrMissingClass_Refused()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.InScopeAsync(sp => sp.GetRequiredService<ClassRankings>().ReorderAsync(["mandatory", "at-risk", "regular"], 0, "supervisor-1", Cancel));

        var stale = () => engine.InScopeAsync(sp => sp.GetRequiredService<ClassRankings>().ReorderAsync(["regular", "at-risk", "mandatory"], 0, "supervisor-2", Cancel));
        var missing = () => engine.InScopeAsync(sp => sp.GetRequiredService<ClassRankings>().ReorderAsync(["regular", "mandatory"], 1, "supervisor-2", Cancel));

        await stale.Should().ThrowAsync<StaleSettingException>();
        (await missing.Should().ThrowAsync<RebalanceRefusedException>()).WithMessage("*missing: at-risk*");
        var inForce = await engine.InScopeAsync(sp => sp.GetRequiredService<ClassRankings>().InForceAsync(Cancel));
        inForce.Ranking.Order.Should().Equal("mandatory", "at-risk", "regular");
    }

    [Fact]
    public async Task ReorderAsync_OpenHeldAndDecidedTasks_HolderUndisturbedAndTheRestServedInTheNewOrder()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var start = EngineTestHost.Start;
        var seeded = await engine.SeedReviewTasksAsync(
        [
            .. Enumerable.Range(0, 6).Select(i => Applications.Details(sector: "childcare", receivedAt: start.AddHours(-i - 1))),
            .. Enumerable.Range(0, 5).Select(i => Applications.Details(sector: "general", receivedAt: start.AddHours(-i - 1))),
        ]);
        var held = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);
        var decided = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);
        await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(decided!.Id, "worker-1", DecisionOutcome.Issue, Cancel));

        var (_, reranked) = await engine.InScopeAsync(sp =>
            sp.GetRequiredService<ClassRankings>().ReorderAsync(["at-risk", "regular", "mandatory"], 0, "supervisor-1", Cancel));
        var claims = new List<ReviewTask>();
        while (await engine.ClaimNextAsync("worker-2", AllVogNpQueues) is { } claimed)
        {
            claims.Add(claimed);
        }

        reranked.Should().Be(10, "every open task, held or not, is in a class whose rank changed; the decided one is not counted");
        claims.Select(t => t.PriorityClass).Should().Equal([.. Enumerable.Repeat("regular", 5), .. Enumerable.Repeat("mandatory", 4)]);
        var stored = await engine.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == held!.Id, Cancel));
        stored.IsHeldBy("worker-1", engine.Time.GetUtcNow()).Should().BeTrue("a reorder does not disturb a holder");
        seeded.Should().HaveCount(11);
    }

    [Fact]
    public async Task ReorderStoredByAnotherProcess_ClaimsFollowItWithinTheSnapshotAge()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details(sector: "childcare"), Applications.Details(sector: "general")]);
        await engine.Services.GetRequiredService<ServingOrder>().CurrentAsync(Cancel);

        // Another process's reorder: only the stored row changes; this process's snapshot does not know yet.
        await engine.QueryAsync(async db =>
        {
            db.ClassRanking.Add(new ClassRankingSetting { Order = ClassRankingSetting.Join(["regular", "at-risk", "mandatory"]), ChangedBy = "supervisor-elsewhere", Version = 1 });
            return await db.SaveChangesAsync(Cancel);
        });
        engine.Time.Advance(ServingOrder.MaxAge);
        var first = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);

        first!.Id.Should().Be(seeded[1].Id, "regular is served first in the order stored by the other process");
    }

    [Fact]
    public async Task BulkMove_DryRunThenApply_MovesExactlyWhatThePreviewCounted()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync(
        [
            .. Enumerable.Range(0, 5).Select(_ => Applications.Details(sector: "general")),
            .. Enumerable.Range(0, 2).Select(_ => Applications.Details(sector: "childcare")),
        ]);
        var filter = new TaskFilter { Queue = "vog-np-regular" };
        var move = new BulkMove(BulkMoveKind.MoveToQueue, "vog-np-mandatory");

        var preview = await engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().PreviewAsync(filter, move, Cancel));
        var applied = await engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().ApplyAsync(filter, move, preview.Fingerprint, "supervisor-1", Cancel));

        preview.Tasks.Should().Be(5);
        preview.Groups.Should().Equal(new BulkMoveGroup("vog-np-regular", "regular", 5));
        applied.Tasks.Should().Be(5);
        var queues = await engine.QueryAsync(db => db.ReviewTasks.GroupBy(t => t.Queue).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Cancel));
        queues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = "vog-np-mandatory", Count = 7 });
        (await engine.QueryAsync(db => db.Cases.CountAsync(c => c.Queue == "vog-np-mandatory", Cancel))).Should().Be(7);
        var audit = await engine.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.TasksMoved, Cancel));
        audit.Actor.Should().Be("supervisor-1");
        audit.Before.Should().Contain("vog-np-regular");
        audit.After.Should().Contain("\"tasks\":5");
    }

    [Fact]
    public async Task BulkMove_TasksChangedSinceTheDryRun_RefusedAndNothingMoved()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(sector: "general"), Applications.Details(sector: "general")]);
        var filter = new TaskFilter { Held = false };
        var move = new BulkMove(BulkMoveKind.SetPriorityClass, "at-risk");
        var preview = await engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().PreviewAsync(filter, move, Cancel));

        await engine.ClaimNextAsync("worker-1", AllVogNpQueues);
        var apply = () => engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().ApplyAsync(filter, move, preview.Fingerprint, "supervisor-1", Cancel));

        await apply.Should().ThrowAsync<StaleSettingException>();
        (await engine.QueryAsync(db => db.ReviewTasks.CountAsync(t => t.PriorityClass == "at-risk", Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task BulkMove_SetPriorityClass_RankedByTheOrderInForce()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details(sector: "general"), Applications.Details(sector: "childcare")]);
        var filter = new TaskFilter { PriorityClass = "regular" };
        var move = new BulkMove(BulkMoveKind.SetPriorityClass, "at-risk");

        var preview = await engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().PreviewAsync(filter, move, Cancel));
        await engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().ApplyAsync(filter, move, preview.Fingerprint, "supervisor-1", Cancel));
        var first = await engine.ClaimNextAsync("worker-1", AllVogNpQueues);

        first!.Id.Should().Be(seeded[0].Id, "at-risk is served before mandatory");
        first.PriorityClass.Should().Be("at-risk");
    }

    [Fact]
    public async Task BulkMove_AssignToTheReviewerWhoIntendedTheRefusal_LeftAlone()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(), Applications.Details()]);
        var claimed = await engine.ClaimNextAsync("reviewer-a", AllVogNpQueues);
        await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().IntendToRefuseAsync(claimed!.Id, "reviewer-a", "a record for fraud", Cancel));
        var filter = new TaskFilter();
        var move = new BulkMove(BulkMoveKind.AssignTo, "reviewer-a");

        var preview = await engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().PreviewAsync(filter, move, Cancel));
        await engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().ApplyAsync(filter, move, preview.Fingerprint, "supervisor-1", Cancel));

        preview.Tasks.Should().Be(1);
        preview.LeftAlone.Should().Be(1, "four eyes: the intended refusal waits for another reviewer");
        var tasks = await engine.QueryAsync(db => db.ReviewTasks.AsNoTracking().ToListAsync(Cancel));
        tasks.Single(t => t.Id == claimed!.Id).ClaimedBy.Should().BeNull();
        var assigned = tasks.Single(t => t.Id != claimed!.Id);
        assigned.ClaimedBy.Should().Be("reviewer-a");
        assigned.IsHeldBy("reviewer-a", engine.Time.GetUtcNow()).Should().BeTrue();
    }

    [Fact]
    public async Task BulkMove_IntoAnotherProductsQueue_RefusedWithTheReason()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details()]);

        var preview = () => engine.InScopeAsync(sp => sp.GetRequiredService<BulkMoves>().PreviewAsync(
            new TaskFilter(), new BulkMove(BulkMoveKind.MoveToQueue, "gva-review"), Cancel));

        (await preview.Should().ThrowAsync<RebalanceRefusedException>()).WithMessage("*vog-np*narrow the filter*");
    }

    private static async Task<List<string>> ClaimManyAsync(EngineTestHost engine, string worker, string[] queues, int count)
    {
        var served = new List<string>();
        for (var i = 0; i < count; i++)
        {
            served.Add((await engine.ClaimNextAsync(worker, queues))!.Queue);
        }

        return served;
    }

    private static Task<QueueSetting> ChangeQueueAsync(EngineTestHost engine, string queue, bool? paused, int? weight, int expectedVersion) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<QueueSettings>().ChangeAsync(queue, paused, weight, expectedVersion, "supervisor-1", Cancel));
}

public sealed class RebalancingTestsOnSqlite : RebalancingTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class RebalancingTestsOnPostgreSql : RebalancingTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
