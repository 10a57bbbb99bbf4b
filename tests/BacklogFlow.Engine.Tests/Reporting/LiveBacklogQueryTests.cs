using BacklogFlow.Domain.Cases;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Review;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Reporting;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class LiveBacklogQueryTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_OpenReviewTasks_WithTheirClocksAndTheRankingAndWeightsInForce()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync(
        [
            Applications.Details(sector: "childcare", receivedAt: EngineTestHost.Start.AddDays(-3)),
            Applications.Details(sector: "general"),
            Applications.Details(sector: "general", product: "gva"),
        ]);
        var decided = (await engine.ClaimNextAsync("reviewer-a", ["gva-review"]))!;
        await engine.InScopeAsync(sp => sp.GetRequiredService<ReviewWorkQueue>().CompleteAsync(decided.Id, "reviewer-a", DecisionOutcome.Issue, Cancel));
        await engine.InScopeAsync(sp => sp.GetRequiredService<ClassRankings>().ReorderAsync(["at-risk", "regular", "mandatory"], 0, "supervisor-1", Cancel));
        await engine.InScopeAsync(sp => sp.GetRequiredService<QueueSettings>().ChangeAsync("vog-np-regular", null, 7, 0, "supervisor-1", Cancel));

        var live = await engine.InScopeAsync(sp => sp.GetRequiredService<LiveBacklogQuery>().GetAsync(Cancel));

        live.Today.Should().Be(new DateOnly(2021, 11, 2));
        live.OpenReviews.Select(o => (o.Product, o.Queue, o.PriorityClass, o.Mandatory)).Should().Equal(
            ("vog-np", "vog-np-mandatory", "mandatory", MandatoryStatus.Mandatory),
            ("vog-np", "vog-np-regular", "regular", MandatoryStatus.NotMandatory));
        live.Ranking.Order.Should().Equal("at-risk", "regular", "mandatory");
        live.Weights["vog-np-regular"].Should().Be(7);
        live.Weights["vog-np-mandatory"].Should().Be(3, "the definition's weight where no supervisor set one");
        var stored = await engine.InScopeAsync(sp => sp.GetRequiredService<BacklogFlowDbContext>().Cases
            .Where(c => c.Status != CaseStatus.Decided).OrderBy(c => c.ReceivedAt).Select(c => c.LegalDeadline).ToListAsync(Cancel));
        live.OpenReviews.Select(o => o.Clock.Compute(engine.Catalog.Get(o.Product).Term, engine.Catalog.Calendar).LegalDeadline)
            .Should().Equal(stored, "the planner derives the same dates from the stored clock as the engine stored");
    }
}

public sealed class LiveBacklogQueryTestsOnSqlite : LiveBacklogQueryTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class LiveBacklogQueryTestsOnPostgreSql : LiveBacklogQueryTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
