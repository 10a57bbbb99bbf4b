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
    public async Task Quarantine_SameMessageDeliveredAgain_FoundOpenByItsIdOrRedeliveredPayload()
    {
        // A broker restart between the quarantine's commit and the acknowledgement delivers the
        // message again; the fault observer asks this before it keeps it a second time.
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var messageId = Guid.NewGuid();
        const string withId = "{ garbled with an id", withoutId = "{ garbled without one";
        var (kept, keptWithoutId) = await engine.QueryAsync(async db =>
        {
            var now = engine.Time.GetUtcNow();
            var first = db.Quarantine(QuarantineReasons.Unreadable, "unreadable", withId, null, null, messageId, now);
            var second = db.Quarantine(QuarantineReasons.Unreadable, "unreadable", withoutId, null, null, null, now);
            await db.SaveChangesAsync(Cancel);
            return (first.Id, second.Id);
        });

        await engine.QueryAsync(async db =>
        {
            (await db.FindOpenQuarantineAsync(QuarantineReasons.Unreadable, messageId, null, Cancel))!.Id.Should().Be(kept);
            (await db.FindOpenQuarantineAsync(QuarantineReasons.Unreadable, messageId, withId, Cancel))!.Id.Should().Be(kept);
            (await db.FindOpenQuarantineAsync(QuarantineReasons.ProcessingFailed, messageId, null, Cancel)).Should().BeNull("another reason is another story");
            (await db.FindOpenQuarantineAsync(QuarantineReasons.Unreadable, Guid.NewGuid(), withId, Cancel)).Should().BeNull("another id is another message");
            (await db.FindOpenQuarantineAsync(QuarantineReasons.Unreadable, null, withoutId, Cancel))!.Id.Should().Be(keptWithoutId);
            (await db.FindOpenQuarantineAsync(QuarantineReasons.Unreadable, null, null, Cancel)).Should().BeNull("the same garbage sent anew is a message of its own");
            return 0;
        });

        await engine.InScopeAsync(sp => sp.GetRequiredService<QuarantineActions>().DiscardAsync(kept, "supervisor", "looked at it", Cancel));
        (await engine.QueryAsync(db => db.FindOpenQuarantineAsync(QuarantineReasons.Unreadable, messageId, null, Cancel)))
            .Should().BeNull("once resolved, the message may be quarantined again");
    }

    private static Action<PublishContext<ApplicationSubmitted>> Garbled(string body) =>
        context => context.Serializer = new RawBodySerializer(body);
}

public sealed class UnreadableMessageTestsOnSqlite : UnreadableMessageTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class UnreadableMessageTestsOnPostgreSql : UnreadableMessageTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
