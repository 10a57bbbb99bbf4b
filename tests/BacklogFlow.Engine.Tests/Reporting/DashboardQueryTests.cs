using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Review;
using BacklogFlow.Engine.Screening;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Reporting;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class DashboardQueryTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = EngineTestHost.Start;

    [Fact]
    public async Task GetAsync_OpenTasks_CountedPerQueueClassAndProduct()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "childcare", receivedAt: Start.AddDays(-3)),
            Applications.Details(sector: "education", receivedAt: Start.AddDays(-1)),
            Applications.Details(sector: "general"),
            Applications.Details(sector: null),
            Applications.Details(sector: "general", product: "gva", receivedAt: Start.AddDays(-2)),
            Applications.Details(sector: "childcare", product: "gva"),
        ]);
        var claimed = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().ClaimNextAsync("reviewer-a", ["gva-review"], Cancel));
        var intended = await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().ClaimNextAsync("reviewer-b", ["vog-np-regular"], Cancel));
        await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().IntendToRefuseAsync(intended!.Id, "reviewer-b", "a record", Cancel));

        var dashboard = await GetAsync(engine);

        dashboard.OpenWork.Select(g => (g.Queue, g.PriorityClass, g.Product, g.Tasks, g.Held, g.AwaitingHearing)).Should().Equal(
            ("gva-review", "mandatory", "gva", 1, 1, 0),
            ("vog-np-mandatory", "mandatory", "vog-np", 2, 0, 0),
            ("vog-np-unknown", "mandatory", "vog-np", 1, 0, 0),
            ("gva-review", "regular", "gva", 1, 0, 0),
            ("vog-np-regular", "regular", "vog-np", 1, 0, 1));
        claimed!.Queue.Should().Be("gva-review");
        var mandatory = dashboard.OpenWork.Single(g => g.Queue == "vog-np-mandatory");
        mandatory.OldestReceipt.Should().Be(Start.AddDays(-3));
        mandatory.EarliestDueDate.Should().Be(new DateOnly(2021, 12, 27), "eight weeks (a record) after Sat 30 Oct 2021 end on Christmas Day, so Monday after Boxing Day (Atw)");
    }

    [Fact]
    public async Task GetAsync_TimeAdvances_DueThisWeekThenOverdue()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var tasks = await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "education"),
            Applications.Details(sector: null),
            Applications.Details(sector: "general"),
        ]);
        var due = tasks.Select(t => t.DueDate).Distinct().Should().ContainSingle("all three were received at the same time").Subject;

        var early = await GetAtAsync(engine, due.AddDays(-7));
        var weekBefore = await GetAtAsync(engine, due.AddDays(-6));
        var dueDay = await GetAtAsync(engine, due);
        var dayAfter = await GetAtAsync(engine, due.AddDays(1));

        early.DeadlineRisk.DueWithinWeek.Should().Be(new RiskCount(0, 0, 0));
        weekBefore.DeadlineRisk.DueWithinWeek.Should().Be(new RiskCount(3, 1, 1));
        weekBefore.DeadlineRisk.Overdue.Cases.Should().Be(0);
        dueDay.DeadlineRisk.DueWithinWeek.Should().Be(new RiskCount(3, 1, 1));
        dueDay.DeadlineRisk.Overdue.Cases.Should().Be(0, "a case is overdue the day after its due date");
        dayAfter.DeadlineRisk.DueWithinWeek.Cases.Should().Be(0);
        dayAfter.DeadlineRisk.Overdue.Should().Be(new RiskCount(3, 1, 1));
        dayAfter.DeadlineRisk.LegalDeadlinePassed.Should().Be(new RiskCount(3, 1, 1), "without a service promise the due date is the legal deadline");
        dayAfter.DeadlineRisk.OpenCases.Should().Be(3);
        dayAfter.DeadlineRisk.Penalty.AsOf.Should().Be(due.AddDays(1));
        dayAfter.DeadlineRisk.Penalty.Cases.Should().Be(0, "no notice of default was received");
    }

    [Fact]
    public async Task GetAsync_NoticeOfDefaultAfterTheDeadline_PenaltyExposureAsOfToday()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details(), Applications.Details()]);
        await engine.InScopeAsync(sp => sp.GetRequiredService<CaseClock>().RecordAsync(
            seeded[0].CaseId, new DefaultNoticeReceived(new DateOnly(2021, 12, 30)), bySupervisor: false, Cancel));

        var dashboard = await GetAtAsync(engine, new DateOnly(2022, 1, 20));

        // Due Tue 28 Dec 2021 (eight weeks with a record); the penalty runs from Thu 13 Jan 2022
        // (notice + 14 days): 13–20 Jan is 8 days at €23.
        dashboard.DeadlineRisk.LegalDeadlinePassed.Cases.Should().Be(2);
        dashboard.DeadlineRisk.Penalty.Cases.Should().Be(1, "only one notice of default was received");
        dashboard.DeadlineRisk.Penalty.Total.Should().Be(8 * 23m);
        dashboard.DeadlineRisk.Penalty.Maximum.Should().Be(1442m);
    }

    [Fact]
    public async Task GetAsync_KnownHistory_RatesAndBurnDownPerLegalDay()
    {
        await using var engine = await EngineTestHost.StartAsync(
            new Dictionary<string, string?> { [$"{ScreeningOptions.Section}:RecordShare"] = "0" }, database: Database);
        // Sat 23 Oct: one case before the window; Sun 31 Oct: three; Tue 2 Nov (today): two decided automatically at once.
        await engine.SeedReviewTasksAsync([Applications.Details(receivedAt: Start.AddDays(-10))]);
        await engine.SeedReviewTasksAsync(Enumerable.Range(0, 3).Select(_ => Applications.Details(receivedAt: Start.AddDays(-2))));
        await engine.Harness.Bus.Publish(Applications.Submitted(), Cancel);
        await engine.Harness.Bus.Publish(Applications.Submitted(), Cancel);
        await engine.Decisions.WaitForAsync(2, Cancel);

        // Wed 3 Nov: a reviewer decides one.
        engine.Time.Advance(TimeSpan.FromDays(1));
        await engine.InScopeAsync(async sp =>
        {
            var queue = sp.GetRequiredService<ReviewWorkQueue>();
            var task = await queue.ClaimNextAsync("reviewer-a", ["vog-np-mandatory"], Cancel);
            return await queue.CompleteAsync(task!.Id, "reviewer-a", DecisionOutcome.Issue, Cancel);
        });

        var dashboard = await GetAsync(engine, days: 5);

        dashboard.AsOf.Should().Be(new DateOnly(2021, 11, 3));
        dashboard.Days.Select(d => (d.Date.Day, d.Received, d.DecidedAutomatically, d.DecidedAfterReview, d.OpenAtEndOfDay)).Should().Equal(
            (30, 0, 0, 0, 1),
            (31, 3, 0, 0, 4),
            (1, 0, 0, 0, 4),
            (2, 2, 2, 0, 4),
            (3, 0, 0, 1, 3));
        dashboard.DeadlineRisk.OpenCases.Should().Be(dashboard.Days[^1].OpenAtEndOfDay, "the burn-down ends at what is open now");
    }

    private static Task<Dashboard> GetAsync(EngineTestHost engine, int days = 28) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<DashboardQuery>().GetAsync(days, Cancel));

    /// <summary>Moves fake time forward to noon (Dutch time) on <paramref name="day"/> and reads the dashboard.</summary>
    private static Task<Dashboard> GetAtAsync(EngineTestHost engine, DateOnly day)
    {
        engine.Time.Advance(LegalTime.Noon(day) - engine.Time.GetUtcNow());
        return GetAsync(engine);
    }
}

public sealed class DashboardQueryTestsOnSqlite : DashboardQueryTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class DashboardQueryTestsOnPostgreSql : DashboardQueryTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
