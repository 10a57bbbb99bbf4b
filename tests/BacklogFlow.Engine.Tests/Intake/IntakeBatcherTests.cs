using BacklogFlow.Domain.Screening;
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
        // One application's records check fails once, so the batch it is in fails; alone, each
        // message of that batch then succeeds. One writer, held in its first batch's check while
        // the other 39 messages gather, so they make one batch (taken in first and alone, the
        // failing application's failure would be its own: the test failed in CI once that way).
        var failing = Applications.Submitted();
        var check = new HeldRecordsCheck(failing.ApplicantReference!);
        await using var engine = await EngineTestHost.StartAsync(
            new Dictionary<string, string?> { ["BacklogFlow:Intake:BatchWriters"] = "1" },
            database: Database,
            configureServices: services => services.AddSingleton<IJudicialRecordsCheck>(check));
        var batcher = engine.Services.GetRequiredService<IntakeBatcher>();

        var first = batcher.AcceptAsync(Message(Applications.Submitted()), Cancel);
        await check.FirstCall.WaitAsync(Cancel);
        var others = Enumerable.Range(0, 38).Select(_ => Applications.Submitted()).Prepend(failing)
            .Select(a => batcher.AcceptAsync(Message(a), Cancel)).ToList();
        check.Release();
        var outcomes = await Task.WhenAll(others.Prepend(first));

        outcomes.Should().AllBeEquivalentTo(IntakeOutcome.Accepted);
        (await engine.QueryAsync(db => db.Cases.CountAsync(Cancel))).Should().Be(40);
        check.Calls.Should().Be(1 + 39 + 39, "the first batch was checked once, the failed batch of 39 once, then each of its messages again");
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

    private Task<EngineTestHost> StartAsync(IJudicialRecordsCheck check) =>
        EngineTestHost.StartAsync(database: Database, configureServices: services => services.AddSingleton<IJudicialRecordsCheck>(check));

    /// <summary>
    /// The records check holding every answer until <see cref="Release"/> (<see cref="FirstCall"/>
    /// says when it was first asked), and timing out once for one applicant.
    /// </summary>
    private sealed class HeldRecordsCheck(string failsOnceFor) : IJudicialRecordsCheck
    {
        private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;
        private int _failed;

        public int Calls => Volatile.Read(ref _calls);

        public Task FirstCall => _firstCall.Task;

        public void Release() => _released.SetResult();

        public async ValueTask<ScreeningResult> CheckAsync(RecordsCheckRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            _firstCall.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            return request.ApplicantReference == failsOnceFor && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new TimeoutException("the judicial records system did not answer within 30 s")
                : ScreeningResult.NoRecord;
        }
    }
}

public sealed class IntakeBatcherTestsOnSqlite : IntakeBatcherTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class IntakeBatcherTestsOnPostgreSql : IntakeBatcherTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
