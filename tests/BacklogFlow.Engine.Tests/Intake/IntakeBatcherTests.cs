using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Screening;
using BacklogFlow.Engine.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Intake;

/// <summary>
/// Group commit: many messages in one transaction, yet each succeeds, duplicates or fails on its own,
/// as it would alone. Runs on every database the engine supports: see the derived classes at the end.
/// </summary>
public abstract class IntakeBatcherTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptAsync_ABatchFails_ItsMessagesAreTakenInOneByOne()
    {
        // The first records check fails, so the first batch does; alone, each message then succeeds.
        var check = new FailingRecordsCheck(failures: 1);
        await using var engine = await StartAsync(check);
        var batcher = engine.Services.GetRequiredService<IntakeBatcher>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => batcher.AcceptAsync(Message(Applications.Submitted()), Cancel)));

        outcomes.Should().AllBeEquivalentTo(IntakeOutcome.Accepted);
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(40);
        check.Calls.Should().BeGreaterThan(40, "the failed batch was checked once, then each message again");
    }

    [Fact]
    public async Task AcceptAsync_CopiesOfOneApplicationAtOnce_OneCaseTheRestDuplicates()
    {
        await using var engine = await StartAsync(new FailingRecordsCheck(failures: 0));
        var batcher = engine.Services.GetRequiredService<IntakeBatcher>();
        var application = Applications.Submitted();
        var others = Enumerable.Range(0, 20).Select(_ => Applications.Submitted()).ToList();

        var outcomes = await Task.WhenAll(
            others.Take(10).Concat(Enumerable.Repeat(application, 5)).Concat(others.Skip(10))
                .Select(a => batcher.AcceptAsync(Message(a), Cancel)));

        outcomes.Count(o => o == IntakeOutcome.Accepted).Should().Be(21);
        outcomes.Count(o => o == IntakeOutcome.Duplicate).Should().Be(4, "a copy waits for the next batch, where it sees the first");
        (await engine.QueryAsync(db => db.Cases.CountAsync(c => c.ApplicationId == application.ApplicationId, Cancel))).Should().Be(1);
    }

    [Fact]
    public async Task AcceptAsync_ConsumeCancelledBeforeItsBatch_NotTakenIn()
    {
        // The broker connection dropped: the message was not acknowledged and comes again. Taking
        // it in now would turn that delivery into a duplicate.
        await using var engine = await StartAsync(new FailingRecordsCheck(failures: 0));
        var batcher = engine.Services.GetRequiredService<IntakeBatcher>();
        var abandoned = Applications.Submitted();

        var cancelled = () => batcher.AcceptAsync(Message(abandoned), new CancellationToken(canceled: true));
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        (await batcher.AcceptAsync(Message(Applications.Submitted()), Cancel)).Should().Be(IntakeOutcome.Accepted);

        (await engine.QueryAsync(db => db.Cases.CountAsync(c => c.ApplicationId == abandoned.ApplicationId, Cancel))).Should().Be(0);
        (await batcher.AcceptAsync(Message(abandoned), Cancel)).Should().Be(IntakeOutcome.Accepted, "its redelivery is taken in as new");
    }

    private static IntakeMessage Message(Contracts.ApplicationSubmitted application) => new(application, NewId.NextGuid(), "{}");

    private Task<EngineTestHost> StartAsync(FailingRecordsCheck check) =>
        EngineTestHost.StartAsync(database: Database, configureServices: services => services.AddSingleton<IJudicialRecordsCheck>(check));
}

public sealed class IntakeBatcherTestsOnSqlite : IntakeBatcherTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class IntakeBatcherTestsOnPostgreSql : IntakeBatcherTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
