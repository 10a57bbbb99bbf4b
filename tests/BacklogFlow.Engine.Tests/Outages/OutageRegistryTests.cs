using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Outages;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Outages;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class OutageRegistryTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Supervisor = "supervisor-1";

    [Fact]
    public async Task ApplyForceMajeureAsync_NotConfirmed_CountsAndChangesNothing()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(receivedAt: EngineTestHost.Start.AddDays(-20)), Applications.Details()]);
        var outage = await RegisterAsync(engine, new DateOnly(2021, 10, 15), new DateOnly(2021, 11, 1));

        var plan = await ApplyAsync(engine, outage, confirmed: false);

        plan.Applied.Should().BeFalse();
        plan.OpenCases.Should().Be(1, "only the case received before the outage ended had a running clock during it");
        (await engine.QueryAsync(db => db.Cases.Select(c => c.LegalDeadline).ToListAsync(Cancel)))
            .Should().BeEquivalentTo([new DateOnly(2021, 12, 8), new DateOnly(2021, 12, 28)]);
    }

    [Fact]
    public async Task ApplyForceMajeureAsync_Confirmed_SuspendsOpenCasesForTheOutageAndReschedulesTheirTasks()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(receivedAt: new DateTimeOffset(2021, 10, 13, 9, 0, 0, TimeSpan.Zero))]);
        var outage = await RegisterAsync(engine, new DateOnly(2021, 10, 15), new DateOnly(2021, 11, 1));

        var plan = await ApplyAsync(engine, outage, confirmed: true);

        plan.Suspended.Should().Be(1);
        plan.Refused.Should().BeEmpty();
        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        // Received Wed 13 Oct 2021, 8 weeks → Wed 8 Dec; suspended 15 Oct – 1 Nov (18 days) → Sun 26 Dec
        // → Atw (Sunday, Boxing Day) → Mon 27 Dec 2021.
        stored.LegalDeadline.Should().Be(new DateOnly(2021, 12, 27));
        stored.Clock.Events.OfType<ClockSuspended>().Should().ContainSingle().Which.Reason.Should().Be(SuspensionReason.ForceMajeure);
        (await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel))).DueDate.Should().Be(new DateOnly(2021, 12, 27));
        (await engine.QueryAsync(db => db.OutageWindows.SingleAsync(Cancel))).ForceMajeureAppliedAt.Should().Be(engine.Time.GetUtcNow());
    }

    [Fact]
    public async Task RegisterAsync_UnknownProductOrEndBeforeStart_ClearError()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);

        var unknown = () => engine.InScopeAsync(sp => sp.GetRequiredService<OutageRegistry>().RegisterAsync(
            new DateOnly(2021, 10, 15), new DateOnly(2021, 11, 1), ["vog-xx"], 28, "", Supervisor, Cancel));
        var backwards = () => RegisterAsync(engine, new DateOnly(2021, 11, 1), new DateOnly(2021, 10, 15));

        await unknown.Should().ThrowAsync<ArgumentException>().WithMessage("*vog-xx*");
        await backwards.Should().ThrowAsync<ArgumentException>().WithMessage("*before it starts*");
        (await engine.QueryAsync(db => db.AuditEntries.CountAsync(Cancel))).Should().Be(0, "nothing was registered");
    }

    [Fact]
    public async Task RegisterAsync_Window_AuditedWithTheSupervisorAndWhatWasRegistered()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);

        var outage = await RegisterAsync(engine, new DateOnly(2021, 10, 15), new DateOnly(2021, 11, 1));

        var entry = await engine.QueryAsync(db => db.AuditEntries.SingleAsync(Cancel));
        entry.Actor.Should().Be(Supervisor);
        entry.Action.Should().Be(AuditActions.OutageRegistered);
        entry.Subject.Should().Be($"outage:{outage.Id}");
        entry.At.Should().Be(engine.Time.GetUtcNow());
        entry.Before.Should().BeNull("the window did not exist");
        entry.After.Should().Contain("\"start\":\"2021-10-15\"").And.Contain("\"end\":\"2021-11-01\"")
            .And.Contain("\"products\":[\"vog-np\"]").And.Contain("\"catchUpDays\":28").And.Contain("VOG outage");
    }

    [Fact]
    public async Task ApplyForceMajeureAsync_NotConfirmed_NothingAudited()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.SeedReviewTasksAsync([Applications.Details(receivedAt: EngineTestHost.Start.AddDays(-20))]);
        var outage = await RegisterAsync(engine, new DateOnly(2021, 10, 15), new DateOnly(2021, 11, 1));

        await ApplyAsync(engine, outage, confirmed: false);

        (await engine.QueryAsync(db => db.AuditEntries.Select(e => e.Action).ToListAsync(Cancel)))
            .Should().Equal([AuditActions.OutageRegistered], "a dry run changes nothing, so there is nothing to log");
    }

    [Fact]
    public async Task ApplyForceMajeureAsync_Confirmed_EachSuspendedCaseAndTheOutageAuditedWithTheSupervisor()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var tasks = await engine.SeedReviewTasksAsync([
            Applications.Details(receivedAt: new DateTimeOffset(2021, 10, 13, 9, 0, 0, TimeSpan.Zero)),
            Applications.Details(receivedAt: new DateTimeOffset(2021, 10, 20, 9, 0, 0, TimeSpan.Zero)),
        ]);
        var outage = await RegisterAsync(engine, new DateOnly(2021, 10, 15), new DateOnly(2021, 11, 1));

        await ApplyAsync(engine, outage, confirmed: true);

        var entries = await engine.QueryAsync(db => db.AuditEntries.Where(e => e.Action != AuditActions.OutageRegistered).ToListAsync(Cancel));
        entries.Should().AllSatisfy(e => e.Actor.Should().Be(Supervisor));
        entries.Where(e => e.Action == AuditActions.CaseSuspendedForForceMajeure).Select(e => e.Subject)
            .Should().BeEquivalentTo(tasks.Select(t => $"case:{t.CaseId}"));
        var first = entries.Single(e => e.Subject == $"case:{tasks[0].CaseId}");
        first.Before.Should().Contain("\"legalDeadline\":\"2021-12-08\"");
        first.After.Should().Contain("\"legalDeadline\":\"2021-12-27\"").And.Contain("\"suspendedFrom\":\"2021-10-15\"");
        var summary = entries.Should().ContainSingle(e => e.Action == AuditActions.ForceMajeureApplied).Subject;
        summary.Subject.Should().Be($"outage:{outage.Id}");
        summary.After.Should().Contain("\"openCases\":2").And.Contain("\"suspended\":2").And.Contain("\"refused\":0");
    }

    private static Task<Domain.Outages.OutageWindow> RegisterAsync(EngineTestHost engine, DateOnly start, DateOnly end) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<OutageRegistry>().RegisterAsync(start, end, ["vog-np"], 28, "VOG outage", Supervisor, Cancel));

    private static Task<ForceMajeurePlan> ApplyAsync(EngineTestHost engine, Domain.Outages.OutageWindow outage, bool confirmed) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<OutageRegistry>().ApplyForceMajeureAsync(outage.Id, confirmed, Supervisor, Cancel));
}

public sealed class OutageRegistryTestsOnSqlite : OutageRegistryTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class OutageRegistryTestsOnPostgreSql : OutageRegistryTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
