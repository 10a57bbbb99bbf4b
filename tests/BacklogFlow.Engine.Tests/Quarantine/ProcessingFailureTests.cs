using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Screening;
using BacklogFlow.Engine.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Quarantine;

/// <summary>
/// Transient faults are retried; what still fails goes to quarantine with the exception, is not
/// rejected to the sender, and a supervisor replays or discards it. Runs on every database the
/// engine supports: see the derived classes at the end.
/// </summary>
public abstract class ProcessingFailureTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One immediate retry and two paused ones; the pauses are MassTransit's own timers, kept short.</summary>
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["BacklogFlow:Intake:ImmediateRetries"] = "1",
        ["BacklogFlow:Intake:TransientRetryDelays"] = "00:00:00.010,00:00:00.020",
    };

    [Fact]
    public async Task Intake_RecordsCheckTimesOutTwice_RetriedAndAccepted()
    {
        var check = new FailingRecordsCheck(failures: 2);
        await using var engine = await StartAsync(check);

        await engine.Harness.Bus.Publish(Applications.Submitted(), Cancel);
        await engine.Intake.WaitForAsync("accepted", 1, Cancel);

        check.Calls.Should().Be(3);
        (await engine.Decisions.WaitForAsync(1, Cancel)).Should().ContainSingle();
        (await engine.QueryAsync(db => db.QuarantinedMessages.CountAsync(Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task Intake_RecordsCheckKeepsFailing_QuarantinedOnceWithTheExceptionAndNotRejected()
    {
        var check = new FailingRecordsCheck(failures: int.MaxValue);
        await using var engine = await StartAsync(check);
        var application = Applications.Submitted();

        await engine.Harness.Bus.Publish(application, Cancel);
        await engine.Intake.WaitForAsync("quarantined", 1, Cancel);

        check.Calls.Should().Be(4, "the first attempt, one immediate retry and two paused ones");
        var entry = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        entry.Reason.Should().Be(QuarantineReasons.ProcessingFailed);
        entry.Detail.Should().Contain("TimeoutException").And.Contain("did not answer").And.Contain("after 3 retries");
        entry.ApplicationId.Should().Be(application.ApplicationId);
        entry.SourceSystem.Should().Be(application.SourceSystem);
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(0);
        (await engine.QueryAsync(db => db.OutboxMessages.CountAsync(Cancel))).Should().Be(0, "the sender is not told of a fault of ours");
        var account = await Account(engine, application.SourceSystem!);
        account.ProcessingFailed.Should().Be(1);
        account.Rejected.Should().Be(0);
    }

    [Fact]
    public async Task Intake_QuarantinedMessageDeliveredAgain_AcknowledgedAsRedeliveredAndNotTakenIn()
    {
        // A broker restart between the quarantine's commit and the acknowledgement delivers the
        // message again, perhaps when the cause is mended: it is the quarantined one, not new work.
        var check = new FailingRecordsCheck(failures: int.MaxValue);
        await using var engine = await StartAsync(check);
        var application = Applications.Submitted();
        var messageId = Guid.NewGuid();
        await engine.Harness.Bus.Publish(application, context => context.MessageId = messageId, Cancel);
        await engine.Intake.WaitForAsync("quarantined", 1, Cancel);

        check.FailuresLeft = 0;
        await engine.Harness.Bus.Publish(application, context => context.MessageId = messageId, Cancel);
        await engine.Intake.WaitForAsync("redelivered", 1, Cancel);

        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(0, "the supervisor replays it, or not");
        (await engine.QueryAsync(db => db.QuarantinedMessages.CountAsync(Cancel))).Should().Be(1);
    }

    [Fact]
    public async Task ReplayAsync_AfterTheCauseIsMended_CaseCreatedAndEntryResolved()
    {
        var check = new FailingRecordsCheck(failures: int.MaxValue);
        await using var engine = await StartAsync(check);
        var application = Applications.Submitted();
        await engine.Harness.Bus.Publish(application, Cancel);
        await engine.Intake.WaitForAsync("quarantined", 1, Cancel);
        var entry = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));

        check.FailuresLeft = 0;
        var replayed = await Actions(engine, a => a.ReplayAsync(entry.Id, "supervisor-1", "records system back", Cancel));
        await engine.Intake.WaitForAsync("accepted", 1, Cancel);

        replayed.Resolution.Should().Be(QuarantineResolutions.Replayed);
        replayed.ResolvedBy.Should().Be("supervisor-1");
        var decision = (await engine.Decisions.WaitForAsync(1, Cancel)).Single();
        decision.ApplicationId.Should().Be(application.ApplicationId);
        var account = await Account(engine, application.SourceSystem!);
        account.Accepted.Should().Be(1);
        account.Quarantined.Should().Be(0, "a replayed entry is accounted for by what the replay became");
        account.MessagesAccountedFor.Should().Be(1);
    }

    [Fact]
    public async Task ReplayAsync_TwiceOrAfterDiscard_Refused()
    {
        var check = new FailingRecordsCheck(failures: int.MaxValue);
        await using var engine = await StartAsync(check);
        await engine.Harness.Bus.Publish(Applications.Submitted(), Cancel);
        await engine.Intake.WaitForAsync("quarantined", 1, Cancel);
        var entry = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));

        var withoutReason = () => Actions(engine, a => a.DiscardAsync(entry.Id, "supervisor-1", " ", Cancel));
        await withoutReason.Should().ThrowAsync<QuarantineActionException>().WithMessage("*needs a reason*");
        var discarded = await Actions(engine, a => a.DiscardAsync(entry.Id, "supervisor-1", "sent again by the legacy team", Cancel));
        var replay = () => Actions(engine, a => a.ReplayAsync(entry.Id, "supervisor-2", null, Cancel));

        discarded.ResolutionNote.Should().Be("sent again by the legacy team");
        await replay.Should().ThrowAsync<QuarantineActionException>().WithMessage("*already discarded by supervisor-1*");
        (await engine.QueryAsync(db => db.OutboxMessages.CountAsync(Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task ReplayAsync_BodyThatIsNoApplication_RefusedWithTheReason()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        await engine.Harness.Bus.Publish(
            Applications.Submitted(), context => context.Serializer = new RawBodySerializer("{ not json"), Cancel);
        await engine.Intake.WaitForAsync("quarantined", 1, Cancel);
        var entry = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));

        var replay = () => Actions(engine, a => a.ReplayAsync(entry.Id, "supervisor-1", null, Cancel));

        await replay.Should().ThrowAsync<QuarantineActionException>().WithMessage("*cannot be replayed*discard it instead*");
    }

    private Task<EngineTestHost> StartAsync(FailingRecordsCheck check) =>
        EngineTestHost.StartAsync(
            FastRetries,
            database: Database,
            configureServices: services => services.AddSingleton<IJudicialRecordsCheck>(check));

    private static Task<QuarantinedMessage> Actions(EngineTestHost engine, Func<QuarantineActions, Task<QuarantinedMessage>> action) =>
        engine.InScopeAsync(sp => action(sp.GetRequiredService<QuarantineActions>()));

    private static Task<BacklogAccount> Account(EngineTestHost engine, string sourceSystem) =>
        engine.InScopeAsync(sp => sp.GetRequiredService<BacklogAccountQuery>().ForSourceAsync(sourceSystem, Cancel));
}

public sealed class ProcessingFailureTestsOnSqlite : ProcessingFailureTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class ProcessingFailureTestsOnPostgreSql : ProcessingFailureTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
