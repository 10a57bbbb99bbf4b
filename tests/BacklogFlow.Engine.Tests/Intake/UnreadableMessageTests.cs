using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Engine.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Intake;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class UnreadableMessageTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{ this is not json", "invalid start of a property name")]
    [InlineData("[1,2,3]", "could not be converted")]
    [InlineData("\"just a string\"", "could not be converted")]
    public async Task Receive_BodyThatIsNoApplication_QuarantinedAsReceived(string body, string expectedDetail)
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);

        await engine.Harness.Bus.Publish(Applications.Submitted(), Garbled(body), Cancel);

        var rejected = (await engine.Rejections.WaitForAsync(1, Cancel)).Single();
        rejected.Reason.Should().Be(QuarantineReasons.Unreadable);
        var quarantined = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        quarantined.Id.Should().Be(rejected.QuarantineId);
        quarantined.Detail.Should().Contain(expectedDetail);
        quarantined.Payload.Should().Be(body, "the message is kept byte for byte, for inspection and replay");
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(0);
    }

    [Fact]
    public async Task Receive_JsonWithAWrongType_QuarantinedWithItsIds()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        const string body = """{"applicationId":"2021-1","sourceSystem":"justis-legacy","receivedAt":"yesterday"}""";

        await engine.Harness.Bus.Publish(Applications.Submitted(), Garbled(body), Cancel);

        var rejected = (await engine.Rejections.WaitForAsync(1, Cancel)).Single();
        rejected.ApplicationId.Should().Be("2021-1");
        rejected.SourceSystem.Should().Be("justis-legacy", "the rejection goes back to the sender it can name");
        rejected.Detail.Should().Contain("receivedAt");
    }

    [Fact]
    public async Task Receive_UnreadableMessageDeliveredAgainWithItsId_QuarantinedOnce()
    {
        // A broker restart between the quarantine's commit and the acknowledgement delivers the
        // message again: the intake inbox knows its id.
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var messageId = Guid.NewGuid();

        await engine.Harness.Bus.Publish(Applications.Submitted(), Garbled("{ garbled", messageId), Cancel);
        await engine.Intake.WaitForAsync("quarantined", 1, Cancel);
        await engine.Harness.Bus.Publish(Applications.Submitted(), Garbled("{ garbled", messageId), Cancel);
        await engine.Intake.WaitForAsync("redelivered", 1, Cancel);

        var quarantined = await engine.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        quarantined.Payload.Should().Be("{ garbled", "the same message is kept once");
        (await engine.Rejections.WaitForAsync(1, Cancel)).Should().ContainSingle("and its sender told once");
        (await engine.QueryAsync(db => db.ProcessedMessages.SingleAsync(m => m.MessageId == messageId, Cancel))).Outcome.Should().Be("Quarantined");
    }

    [Fact]
    public async Task IsQuarantinedUnidentifiedAsync_OpenEntryWithoutAnId_FoundByPayloadUntilResolved()
    {
        // A message without an id that the broker delivers again is known only by its payload.
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        const string payload = "{ garbled without an id";
        var kept = await engine.QueryAsync(async db =>
        {
            var entry = db.Quarantine(QuarantineReasons.Unreadable, "unreadable", payload, null, null, null, engine.Time.GetUtcNow());
            db.Quarantine(QuarantineReasons.Unreadable, "unreadable", "{ with an id", null, null, Guid.NewGuid(), engine.Time.GetUtcNow());
            await db.SaveChangesAsync(Cancel);
            return entry.Id;
        });

        await engine.QueryAsync(async db =>
        {
            (await db.IsQuarantinedUnidentifiedAsync(QuarantineReasons.Unreadable, payload, Cancel)).Should().BeTrue();
            (await db.IsQuarantinedUnidentifiedAsync(QuarantineReasons.ProcessingFailed, payload, Cancel)).Should().BeFalse("another reason is another story");
            (await db.IsQuarantinedUnidentifiedAsync(QuarantineReasons.Unreadable, "{ with an id", Cancel)).Should().BeFalse("a message with an id is known by the inbox");
            return 0;
        });
        await engine.InScopeAsync(sp => sp.GetRequiredService<QuarantineActions>().DiscardAsync(kept, "supervisor", "looked at it", Cancel));
        (await engine.QueryAsync(db => db.IsQuarantinedUnidentifiedAsync(QuarantineReasons.Unreadable, payload, Cancel)))
            .Should().BeFalse("once resolved, the message may be quarantined again");
    }

    private static Action<PublishContext<ApplicationSubmitted>> Garbled(string body, Guid? messageId = null) =>
        context =>
        {
            context.Serializer = new RawBodySerializer(body);
            if (messageId is { } id)
            {
                context.MessageId = id;
            }
        };
}

public sealed class UnreadableMessageTestsOnSqlite : UnreadableMessageTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class UnreadableMessageTestsOnPostgreSql : UnreadableMessageTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
