using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Deadlines;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class CaseClockTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Seeded cases have a record: received Tue 2 Nov 2021, vog-np 4 + 4 weeks → due Tue 28 Dec 2021.
    private static readonly DateOnly Due = new(2021, 12, 28);

    [Fact]
    public async Task RecordAsync_Suspension_PushesTheDeadlineAndTheQueuedTask()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details()]);

        var clock = await RecordAsync(engine, seeded[0].CaseId,
            new ClockSuspended(new DateOnly(2021, 11, 10), new DateOnly(2021, 11, 16), SuspensionReason.RequestToComplete));

        clock.SuspendedDays.Should().Be(7);
        clock.LegalDeadline.Should().Be(new DateOnly(2022, 1, 4), "28 Dec + 7 suspended days");
        (await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel))).LegalDeadline.Should().Be(new DateOnly(2022, 1, 4));
        (await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel))).DueDate.Should().Be(new DateOnly(2022, 1, 4));
    }

    [Fact]
    public async Task RecordAsync_ForceMajeureByACaseWorker_Refused()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details()]);
        var forceMajeure = new ClockSuspended(new DateOnly(2021, 11, 10), new DateOnly(2021, 11, 16), SuspensionReason.ForceMajeure, NoticeDate: new DateOnly(2021, 11, 10));

        var byCaseWorker = () => RecordAsync(engine, seeded[0].CaseId, forceMajeure, bySupervisor: false);
        await byCaseWorker.Should().ThrowAsync<DeadlineLedgerException>().WithMessage("*supervisor*");

        (await RecordAsync(engine, seeded[0].CaseId, forceMajeure, bySupervisor: true)).SuspendedDays.Should().Be(7);
    }

    [Fact]
    public async Task RecordAsync_ExtensionBeyondTheCap_RefusedAndNothingStored()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details()]);

        var tooLong = () => RecordAsync(engine, seeded[0].CaseId, new TermExtended(5, "complex record", new DateOnly(2021, 11, 20)));

        await tooLong.Should().ThrowAsync<DeadlineLedgerException>();
        (await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel))).LegalDeadline.Should().Be(Due);
    }

    [Fact]
    public async Task TotalAsync_NoticeOfDefaultAfterTheDeadline_PenaltyRunsTwoWeeksLater()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var seeded = await engine.SeedReviewTasksAsync([Applications.Details(), Applications.Details()]);
        await RecordAsync(engine, seeded[0].CaseId, new DefaultNoticeReceived(new DateOnly(2021, 12, 30)));
        await RecordAsync(engine, seeded[1].CaseId, new DefaultNoticeReceived(new DateOnly(2021, 12, 20)));

        var exposure = await engine.InScopeAsync(sp =>
            sp.GetRequiredService<PenaltyExposureQuery>().TotalAsync(new DateOnly(2022, 1, 20), Cancel));

        // First penalty day Thu 13 Jan 2022 (30 Dec + 14); 13–20 Jan is 8 days at €23. The notice of
        // 20 Dec came before the deadline and does not count.
        exposure.Cases.Should().Be(1);
        exposure.Total.Should().Be(8 * 23m);
        exposure.Maximum.Should().Be(1442m);
    }

    private static Task<DeadlineComputation> RecordAsync(EngineTestHost engine, Guid caseId, LedgerEvent clockEvent, bool bySupervisor = false) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<CaseClock>().RecordAsync(caseId, clockEvent, bySupervisor, Cancel));
}

public sealed class CaseClockTestsOnSqlite : CaseClockTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class CaseClockTestsOnPostgreSql : CaseClockTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
