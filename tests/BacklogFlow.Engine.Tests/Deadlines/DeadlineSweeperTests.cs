using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Review;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Deadlines;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class DeadlineSweeperTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Seeded cases have a record: received Tue 2 Nov 2021, vog-np 4 + 4 weeks → due Tue 28 Dec 2021.
    private static readonly DateOnly Due = new(2021, 12, 28);

    [Fact]
    public async Task Sweep_ApproachingTheDeadline_EscalatesAtTheThresholdThatNamesAClassOnce()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details(sector: "general")]);
        seeded[0].PriorityClass.Should().Be("regular");

        (await SweepAtAsync(engine, Due.AddDays(-6))).Escalated.Should().Be(0, "due-soon names no class");
        (await TaskAsync(engine)).PriorityClass.Should().Be("regular");
        (await CaseRiskAsync(engine, Due.AddDays(-6))).Warning!.Name.Should().Be("due-soon", "the warning follows from the dates");

        (await SweepAtAsync(engine, Due.AddDays(-2))).Escalated.Should().Be(1);
        var escalated = await TaskAsync(engine);
        escalated.PriorityClass.Should().Be("at-risk");
        engine.Catalog.DeclaredRanking.RankOf(escalated.PriorityClass).Should().Be(0, "at-risk is served before every other class");
        escalated.Version.Should().Be(seeded[0].Version + 1, "the escalation changes the task's place in the queue");

        (await SweepAtAsync(engine, Due.AddDays(-2))).Escalated.Should().Be(0, "a second sweep finds nothing new");
        (await SweepAtAsync(engine, Due.AddDays(1))).Escalated.Should().Be(0, "past the deadline it stays at-risk");
        (await CaseRiskAsync(engine, Due.AddDays(1))).Breached.Should().BeTrue();
    }

    [Fact]
    public async Task Sweep_ManyTasksAcrossTheBands_EscalatesExactlyThoseTheDomainPutsInAnEscalatingBand()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var received = new DateTimeOffset(2021, 11, 2, 9, 0, 0, TimeSpan.Zero);
        await engine.SeedReviewTasksAsync(Enumerable.Range(0, 12).Select(i =>
            Applications.Details(sector: i % 3 == 0 ? "childcare" : "general", receivedAt: received.AddDays(i))));
        var today = Due.AddDays(-1);

        var result = await SweepAtAsync(engine, today);

        var tasks = await engine.QueryAsync(db => db.ReviewTasks.AsNoTracking().Join(db.Cases, t => t.CaseId, c => c.Id, (t, c) => new { Task = t, Case = c }).ToListAsync(Cancel));
        var ranking = engine.Catalog.DeclaredRanking;
        foreach (var (task, reviewCase) in tasks.Select(x => (x.Task, x.Case)))
        {
            var warning = reviewCase.RiskOn(today, engine.Catalog.Get(reviewCase.Product)).Warning;
            var shouldEscalate = warning?.EscalateTo is { } target && ranking.RankOf(target) < ranking.RankOf(ClassAtRouting(reviewCase));
            task.PriorityClass.Should().Be(shouldEscalate ? warning!.EscalateTo : ClassAtRouting(reviewCase), $"due {task.DueDate}, swept {today}");
        }

        result.Escalated.Should().Be(tasks.Count(x => x.Task.PriorityClass == "at-risk")).And.BeInRange(1, tasks.Count - 1, "the tasks span every band");
        (await SweepAtAsync(engine, today)).Escalated.Should().Be(0, "nothing is new on the same day");
    }

    [Fact]
    public async Task Sweep_EverythingDueAtOnce_EscalatesTheTasksOfEveryQueueHeldParkedOrClaimable()
    {
        // One statement per queue for the claimable tasks and one for the held or parked (each on
        // an index of its own; on PostgreSQL several at once): together they must move every task.
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync(Enumerable.Range(0, 12).Select(i => (i % 4) switch
        {
            0 => Applications.Details(sector: "childcare"),
            1 => Applications.Details(sector: "general"),
            2 => Applications.Details(sector: "general", product: "gva"),
            _ => Applications.Details(sector: "security", product: "vog-rp"),
        }));
        seeded.Select(t => t.Queue).Distinct().Should().HaveCountGreaterThanOrEqualTo(4);
        var queues = seeded.Select(t => t.Queue).Distinct().ToList();
        var parked = await engine.ClaimNextAsync("worker-2", queues);
        await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().IntendToRefuseAsync(parked!.Id, "worker-2", "a record", Cancel));
        var leased = await engine.ClaimNextAsync("worker-1", queues);
        leased.Should().NotBeNull();

        var result = await SweepAtAsync(engine, seeded.Max(t => t.DueDate));

        var tasks = await engine.QueryAsync(db => db.ReviewTasks.AsNoTracking().ToListAsync(Cancel));
        tasks.Should().OnlyContain(t => t.PriorityClass == "at-risk");
        tasks.Single(t => t.Id == leased!.Id).ClaimedBy.Should().Be("worker-1", "the escalation leaves the lease alone");
        tasks.Single(t => t.Id == parked!.Id).ParkedUntil.Should().NotBeNull("the escalation leaves the hearing alone");
        result.Escalated.Should().Be(tasks.Count);
    }

    [Fact]
    public async Task Sweep_EveryStatement_ReadsAnIndexRangeNotTheWholeTable()
    {
        // On PostgreSQL sequential scans are priced out for the explanation: a statement no index
        // can serve still scans, and shows it; with a few rows it would scan anyway.
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(sector: "childcare"), Applications.Details(sector: "general")]);
        var escalation = new DeadlineSweeper.Escalation(null, Due, "at-risk", null);
        var parts = engine.Catalog.AllQueues.Select(q => DeadlineSweeper.Part.ClaimableIn(q.Name))
            .Append(DeadlineSweeper.Part.Held).Append(DeadlineSweeper.Part.Parked).ToList();

        var plans = await engine.QueryAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Cancel);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Cancel);
            }

            var explained = new List<string>();
            foreach (var part in parts)
            {
                explained.Add(await QueryPlan.ExplainAsync(db, DeadlineSweeper.InBand(db, escalation, part, engine.Catalog.DeclaredRanking), Cancel));
            }

            return explained;
        });

        plans.Should().HaveCount(parts.Count);
        plans[..^2].Should().AllSatisfy(plan => plan.Should().Contain("ix_review_tasks_queue_order"));
        plans[^2].Should().Contain("ix_review_tasks_leases");
        plans[^1].Should().Contain("ix_review_tasks_parked");
        plans.Should().AllSatisfy(plan => plan.Should()
            .NotContain("Seq Scan", "PostgreSQL reads an index").And
            .NotContainAny(["SCAN r", "SCAN review_tasks"], "SQLite searches an index"));
    }

    [Fact]
    public async Task Sweep_DefinitionsWithDifferentThresholds_EachTaskByItsOwnCasesDefinition()
    {
        // gva escalates five days ahead here, vog-np three: one band, two answers, so the sweep asks
        // each task's case for its product.
        var workflows = Directory.CreateTempSubdirectory("backlogflow-workflows-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(workflows, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "workflows"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var gva = Path.Combine(workflows, "gva.workflow.yaml");
        var text = await File.ReadAllTextAsync(gva, Cancel);
        text.Should().Contain("daysLeft: 3\n    escalateTo: at-risk");
        await File.WriteAllTextAsync(gva, text.Replace("daysLeft: 3\n    escalateTo: at-risk", "daysLeft: 5\n    escalateTo: at-risk", StringComparison.Ordinal), Cancel);
        await using var engine = await EngineTestHost.StartAsync(
            new Dictionary<string, string?> { ["BacklogFlow:Workflows:Directory"] = workflows }, database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details(sector: "general"), Applications.Details(sector: "general", product: "gva")]);
        var dueDates = seeded.ToDictionary(t => t.Id, t => t.DueDate);

        var today = dueDates.Values.Min().AddDays(-4);
        await SweepAtAsync(engine, today);

        var tasks = await engine.QueryAsync(db => db.ReviewTasks.AsNoTracking().Join(db.Cases, t => t.CaseId, c => c.Id, (t, c) => new { t.PriorityClass, t.DueDate, c.Product }).ToListAsync(Cancel));
        foreach (var task in tasks)
        {
            var daysLeft = task.DueDate.DayNumber - today.DayNumber;
            var expected = daysLeft <= (task.Product == "gva" ? 5 : 3) ? "at-risk" : "regular";
            task.PriorityClass.Should().Be(expected, $"{task.Product}, {daysLeft} days left");
        }

        tasks.Select(t => t.PriorityClass).Should().Contain("at-risk").And.Contain("regular", "the thresholds differ where it matters");
    }

    private static async Task<SweepResult> SweepAtAsync(EngineTestHost engine, DateOnly day)
    {
        MoveTo(engine, day);
        return await engine.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(Cancel);
    }

    private static void MoveTo(EngineTestHost engine, DateOnly day) =>
        engine.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    private static async Task<DeadlineRisk> CaseRiskAsync(EngineTestHost engine, DateOnly day)
    {
        var reviewCase = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        return reviewCase.RiskOn(day, engine.Catalog.Get(reviewCase.Product));
    }

    /// <summary>The class the case was routed with (kept on the case; the task's may be escalated since).</summary>
    private static string ClassAtRouting(Domain.Cases.ApplicationCase reviewCase) => reviewCase.PriorityClass!;

    private static Task<Domain.Review.ReviewTask> TaskAsync(EngineTestHost engine) =>
        engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel));
}

public sealed class DeadlineSweeperTestsOnSqlite : DeadlineSweeperTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class DeadlineSweeperTestsOnPostgreSql : DeadlineSweeperTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
