using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Outages;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Engine.Screening;
using BacklogFlow.Engine.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Intake;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class IntakeTests
{
    protected abstract TestDatabase Database { get; }

    private static readonly Dictionary<string, string?> NobodyHasARecord = new() { [$"{ScreeningOptions.Section}:RecordShare"] = "0" };
    private static readonly Dictionary<string, string?> EverybodyHasARecord = new() { [$"{ScreeningOptions.Section}:RecordShare"] = "1" };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Consume_NoRecord_IssuedAutomaticallyAndDecisionPublished()
    {
        await using var engine = await EngineTestHost.StartAsync(NobodyHasARecord, database: Database);
        var application = Applications.Submitted();

        await engine.Harness.Bus.Publish(application, Cancel);

        var decided = (await engine.Decisions.WaitForAsync(1, Cancel)).Single();
        decided.ApplicationId.Should().Be(application.ApplicationId);
        decided.Outcome.Should().Be(DecisionOutcomes.Issued);
        decided.DecidedAutomatically.Should().BeTrue();
        decided.LegalDeadline.Should().Be(new DateOnly(2021, 11, 30), "four weeks after receipt on Tue 2 Nov 2021");
        decided.LegalDeadlineMet.Should().BeTrue();

        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        stored.Status.Should().Be(CaseStatus.Decided);
        stored.Outcome.Should().Be(DecisionOutcome.Issue);
        (await engine.QueryAsync(db => db.ReviewTasks.CountAsync(Cancel))).Should().Be(0);
    }

    [Theory]
    [InlineData("childcare", "vog-np-mandatory", "mandatory")]
    [InlineData("general", "vog-np-regular", "regular")]
    [InlineData(null, "vog-np-unknown", "mandatory")]
    [InlineData("private-security", "vog-np-unknown", "mandatory")]
    public async Task Consume_Record_RoutedToDefinitionQueueWithPriorityClass(string? sector, string queue, string priorityClass)
    {
        await using var engine = await EngineTestHost.StartAsync(EverybodyHasARecord, database: Database);

        await engine.Harness.Bus.Publish(Applications.Submitted(sector: sector), Cancel);

        await engine.WaitForConsumedAsync(1);
        var task = await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel));
        task.Queue.Should().Be(queue);
        task.PriorityClass.Should().Be(priorityClass);
        task.DueDate.Should().Be(new DateOnly(2021, 12, 28), "a record extends vog-np's four weeks by four");
        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        stored.Status.Should().Be(CaseStatus.AwaitingReview);
        (await engine.QueryAsync(db => db.OutboxMessages.CountAsync(Cancel))).Should().Be(0, "no decision is due");
        engine.Decisions.Snapshot.Should().BeEmpty();
    }

    [Fact]
    public async Task Consume_OutageAffectedWithRecord_QueuedByTheEarlierServicePromise()
    {
        await using var engine = await EngineTestHost.StartAsync(EverybodyHasARecord, database: Database);
        await engine.InScopeAsync(sp => sp.GetRequiredService<OutageRegistry>().RegisterAsync(
            new DateOnly(2021, 10, 15), new DateOnly(2021, 11, 1), ["vog-np"], catchUpDays: 28, "VOG outage 2021", "supervisor-1", Cancel));
        var application = Applications.Submitted(sector: "childcare") with { IntendedSubmissionDate = new DateOnly(2021, 10, 20) };

        await engine.Harness.Bus.Publish(application, Cancel);

        await engine.WaitForConsumedAsync(1);
        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        stored.LegalDeadline.Should().Be(new DateOnly(2021, 12, 28), "received Tue 2 Nov 2021, 4 + 4 weeks with a record");
        stored.ServicePromiseDeadline.Should().Be(new DateOnly(2021, 11, 17), "four weeks from the day the applicant wanted to apply");
        stored.EffectiveDueDate.Should().Be(new DateOnly(2021, 11, 17));
        (await engine.QueryAsync(db => db.ReviewTasks.SingleAsync(Cancel))).DueDate.Should().Be(new DateOnly(2021, 11, 17));

        var clock = stored.ComputeClock(engine.Catalog.Get("vog-np"), engine.Catalog.Calendar);
        clock.LegalDeadline.Should().Be(stored.LegalDeadline, "the stored dates are what the stored ledger derives");
        stored.Clock.Events.Select(e => e.GetType().Name).Should().BeEquivalentTo(["CaseReceived", "OutageAffected", "RecordFound"]);
    }

    [Fact]
    public async Task Consume_NoRegisteredOutage_NoServicePromise()
    {
        await using var engine = await EngineTestHost.StartAsync(EverybodyHasARecord, database: Database);

        await engine.Harness.Bus.Publish(Applications.Submitted() with { IntendedSubmissionDate = new DateOnly(2021, 10, 20) }, Cancel);

        await engine.WaitForConsumedAsync(1);
        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        stored.ServicePromiseDeadline.Should().BeNull("a promise belongs to a registered outage");
        stored.EffectiveDueDate.Should().Be(stored.LegalDeadline);
    }

    [Fact]
    public async Task Consume_ExactResends_CountedAsDuplicatesAndCreateNothing()
    {
        await using var engine = await EngineTestHost.StartAsync(NobodyHasARecord, database: Database);
        var application = Applications.Submitted();

        for (var i = 0; i < 5; i++)
        {
            await engine.Harness.Bus.Publish(application, Cancel);
        }

        await engine.WaitForConsumedAsync(5);
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(1);
        (await engine.QueryAsync(db => db.IntakeRecords.SingleAsync(Cancel))).DuplicateCount.Should().Be(4);
        (await engine.QueryAsync(db => db.QuarantinedMessages.CountAsync(Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task AcceptMany_ResendsOfSeveralApplicationsInOneBatch_EachCountedOnce()
    {
        await using var engine = await EngineTestHost.StartAsync(NobodyHasARecord, database: Database);
        var resent = Enumerable.Range(0, 3).Select(_ => Applications.Submitted()).ToList();
        var once = Applications.Submitted();
        await engine.InScopeAsync(sp => sp.GetRequiredService<ApplicationIntake>().AcceptManyAsync(
            [.. resent.Append(once).Select(a => new IntakeMessage(a, null, "{}"))], Cancel));

        var outcomes = await engine.InScopeAsync(sp => sp.GetRequiredService<ApplicationIntake>().AcceptManyAsync(
            [.. resent.Append(Applications.Submitted()).Select(a => new IntakeMessage(a, null, "{}"))], Cancel));

        outcomes.Should().Equal(IntakeOutcome.Duplicate, IntakeOutcome.Duplicate, IntakeOutcome.Duplicate, IntakeOutcome.Accepted);
        var counts = await engine.QueryAsync(db => db.IntakeRecords.ToDictionaryAsync(r => r.ApplicationId, r => r.DuplicateCount, Cancel));
        counts.Should().HaveCount(5);
        foreach (var application in resent)
        {
            counts[application.ApplicationId!].Should().Be(1, application.ApplicationId);
        }

        counts[once.ApplicationId!].Should().Be(0, "only resends are counted");
    }

    [Fact]
    public async Task Consume_ConcurrentCopiesOfOneApplication_ExactlyOneCase()
    {
        await using var engine = await EngineTestHost.StartAsync(NobodyHasARecord, database: Database);
        var application = Applications.Submitted();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => engine.Harness.Bus.Publish(application, Cancel)));

        await engine.WaitForConsumedAsync(20);
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(1);
        (await engine.QueryAsync(db => db.IntakeRecords.SingleAsync(Cancel))).DuplicateCount.Should().Be(19);
        (await engine.Decisions.WaitForAsync(1, Cancel)).Should().ContainSingle();
    }

    [Fact]
    public async Task Consume_DifferentPayloadUnderKnownId_QuarantinedAsConflictNamingTheFields()
    {
        await using var engine = await EngineTestHost.StartAsync(NobodyHasARecord, database: Database);
        var application = Applications.Submitted(sector: "education");
        await engine.Harness.Bus.Publish(application, Cancel);
        await engine.WaitForConsumedAsync(1);

        await engine.Harness.Bus.Publish(application with { Sector = "taxi", Channel = "paper" }, Cancel);

        (await engine.Rejections.WaitForAsync(1, Cancel)).Single().Reason.Should().Be(QuarantineReasons.ConflictingDuplicate);
        var quarantined = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        quarantined.Reason.Should().Be(QuarantineReasons.ConflictingDuplicate);
        quarantined.Detail.Should().Contain("sector").And.Contain("channel");
        quarantined.ApplicationId.Should().Be(application.ApplicationId);
        quarantined.Payload.Should().Contain("taxi", "the message is kept as received, for replay");
        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        stored.Sector.Should().Be("education", "the first application stands");
    }

    [Fact]
    public async Task Consume_InvalidMessage_QuarantinedWithEveryProblemAndRejectionPublished()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var invalid = Applications.Submitted() with
        {
            Product = "vog-xx",
            Channel = "fax",
            ApplicantReference = "111222333",
            ReceivedAt = EngineTestHost.Start.AddDays(2),
        };

        await engine.Harness.Bus.Publish(invalid, Cancel);

        var rejected = (await engine.Rejections.WaitForAsync(1, Cancel)).Single();
        rejected.Reason.Should().Be(QuarantineReasons.Invalid);
        rejected.ApplicationId.Should().Be(invalid.ApplicationId);
        rejected.Detail.Should().Contain("vog-xx").And.Contain("fax").And.Contain("citizen service number").And.Contain("future");
        rejected.Detail.Should().NotContain("111222333", "a BSN must never be echoed into quarantine details or logs");
        var quarantined = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        quarantined.Id.Should().Be(rejected.QuarantineId);
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task Consume_MissingFields_QuarantinedNotCrashed()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);

        await engine.Harness.Bus.Publish(new ApplicationSubmitted { SourceSystem = "justis-legacy" }, Cancel);

        await engine.Rejections.WaitForAsync(1, Cancel);
        var quarantined = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        quarantined.Detail.Should().Contain("applicationId is missing").And.Contain("product is missing")
            .And.Contain("applicantReference is missing").And.Contain("channel is missing").And.Contain("receivedAt is missing");
        engine.Consumed.Faults.Should().Be(0, "bad input is quarantined, not thrown");
    }

    [Fact]
    public async Task Consume_IntendedSubmissionAfterReceipt_QuarantinedWithTheDomainsReason()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var application = Applications.Submitted() with { IntendedSubmissionDate = DateOnly.FromDateTime(EngineTestHost.Start.UtcDateTime).AddDays(3) };

        await engine.Harness.Bus.Publish(application, Cancel);

        await engine.Rejections.WaitForAsync(1, Cancel);
        var quarantined = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        quarantined.Detail.Should().Contain("intendedSubmissionDate: the intended submission date 2021-11-05 is after the receipt 2021-11-02");
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task AcceptAsync_SameMessageIdRedelivered_ChangesNothing()
    {
        await using var engine = await EngineTestHost.StartAsync(NobodyHasARecord, database: Database);
        var application = Applications.Submitted();
        var messageId = NewId.NextGuid();

        var first = await engine.InScopeAsync(sp => sp.GetRequiredService<ApplicationIntake>().AcceptAsync(application, messageId, "{}", Cancel));
        var second = await engine.InScopeAsync(sp => sp.GetRequiredService<ApplicationIntake>().AcceptAsync(application, messageId, "{}", Cancel));

        first.Should().Be(IntakeOutcome.Accepted);
        second.Should().Be(IntakeOutcome.Redelivered);
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(1);
        (await engine.QueryAsync(db => db.IntakeRecords.SingleAsync(Cancel))).DuplicateCount
            .Should().Be(0, "a broker redelivery is not a resend by the legacy system");
        (await engine.QueryAsync(db => db.ProcessedMessages.SingleAsync(Cancel))).MessageId.Should().Be(messageId);
    }

    [Fact]
    public async Task Consume_RawJsonWithoutEnvelope_AcceptedAndKeptAsReceived()
    {
        await using var engine = await EngineTestHost.StartAsync(
            NobodyHasARecord, transport => transport.UseRawJsonSerializer(RawSerializerOptions.AddTransportHeaders, isDefault: true), database: Database);
        var application = Applications.Submitted();
        var invalid = Applications.Submitted() with { Channel = "fax" };

        await engine.Harness.Bus.Publish(application, Cancel);
        await engine.Harness.Bus.Publish(invalid, Cancel);

        await engine.WaitForConsumedAsync(2);
        var stored = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        stored.ApplicationId.Should().Be(application.ApplicationId);
        stored.FunctionAspects.Should().Be("11 12");
        var quarantined = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        using var body = System.Text.Json.JsonDocument.Parse(quarantined.Payload);
        body.RootElement.GetProperty("channel").GetString().Should().Be("fax", "the plain JSON body is kept as received");
        body.RootElement.TryGetProperty("messageType", out _).Should().BeFalse("no MassTransit envelope was involved");
    }
}

public sealed class IntakeTestsOnSqlite : IntakeTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class IntakeTestsOnPostgreSql : IntakeTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
