using BacklogFlow.Engine.Deadlines;
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
    public async Task SweepBatchAsync_ApproachingTheDeadline_WarnsThenEscalatesThenRecordsTheBreach()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details(sector: "general")]);
        seeded[0].PriorityClass.Should().Be("regular");

        await SweepAtAsync(engine, Due.AddDays(-10));
        (await CaseAsync(engine)).DeadlineWarning.Should().BeNull("ten days left is outside every threshold");

        await SweepAtAsync(engine, Due.AddDays(-6));
        (await CaseAsync(engine)).DeadlineWarning.Should().Be("due-soon");
        (await TaskAsync(engine)).PriorityClass.Should().Be("regular");

        var result = await SweepAtAsync(engine, Due.AddDays(-2));
        result.Escalated.Should().Be(1);
        (await CaseAsync(engine)).DeadlineWarning.Should().Be("at-risk");
        var escalated = await TaskAsync(engine);
        escalated.PriorityClass.Should().Be("at-risk");
        escalated.ClassRank.Should().Be(0, "at-risk is served before every other class");

        result = await SweepAtAsync(engine, Due.AddDays(1));
        result.Breached.Should().Be(1);
        (await CaseAsync(engine)).BreachRecordedAt.Should().Be(engine.Time.GetUtcNow());
        (await SweepAtAsync(engine, Due.AddDays(2))).Breached.Should().Be(0, "a breach is recorded once");
    }

    [Fact]
    public async Task SweepBatchAsync_ManyDueCases_WorksInBatchesAndOncePerDay()
    {
        await using var engine = await EngineTestHost.StartAsync(
            new Dictionary<string, string?> { ["BacklogFlow:DeadlineSweep:BatchSize"] = "2" }, database: Database);
        await engine.SeedReviewTasksAsync(Enumerable.Range(0, 5).Select(_ => Applications.Details()));
        MoveTo(engine, Due.AddDays(-1));
        var sweeper = engine.Services.GetRequiredService<DeadlineSweeper>();

        var batches = new List<int>();
        DateOnly? dueFrom = null;
        while (await sweeper.SweepBatchAsync(dueFrom, Cancel) is { Examined: > 0 } batch)
        {
            batches.Add(batch.Examined);
            dueFrom = batch.LastDue;
        }

        batches.Should().Equal(2, 2, 1);
        (await engine.QueryAsync(db => db.Cases.CountAsync(c => c.DeadlineWarning == "at-risk", Cancel))).Should().Be(5);
        (await sweeper.SweepBatchAsync(Cancel)).Examined.Should().Be(0, "every due case was looked at today");
    }

    private static async Task<SweepBatchResult> SweepAtAsync(EngineTestHost engine, DateOnly day)
    {
        MoveTo(engine, day);
        var sweeper = engine.Services.GetRequiredService<DeadlineSweeper>();
        var total = SweepBatchResult.Empty;
        while (await sweeper.SweepBatchAsync(Cancel) is { Examined: > 0 } batch)
        {
            total = total.Add(batch);
        }

        return total;
    }

    private static void MoveTo(EngineTestHost engine, DateOnly day) =>
        engine.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    private static Task<Domain.Cases.ApplicationCase> CaseAsync(EngineTestHost engine) =>
        engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));

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
