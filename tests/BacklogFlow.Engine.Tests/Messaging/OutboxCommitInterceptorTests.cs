using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Engine.Tests.Messaging;

/// <summary>
/// The dispatcher is woken when outbox rows become visible, not before: a wake-up before the commit
/// finds nothing and the rows wait for the next poll (in tests on fake time: for ever).
/// </summary>
public sealed class OutboxCommitInterceptorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private EngineCore _core = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ServiceProvider Engine => _core.Services;

    private OutboxSignal Signal => Engine.GetRequiredService<OutboxSignal>();

    public async ValueTask InitializeAsync() => _core = await EngineCore.StartAsync(TestDatabase.Sqlite, _time);

    public ValueTask DisposeAsync() => _core.DisposeAsync();

    [Fact]
    public async Task SaveInsideATransaction_SignalsAtTheCommitNotBefore()
    {
        await using var scope = Engine.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        db.Enqueue(Rejection(), _time.GetUtcNow());
        await db.SaveChangesAsync(Cancel);

        var woken = Signal.WaitAsync(TimeSpan.FromHours(1), _time, Cancel);
        woken.IsCompleted.Should().BeFalse("saved inside a transaction is not yet committed: the dispatcher would find nothing");

        await transaction.CommitAsync(Cancel);
        await woken.WaitAsync(TimeSpan.FromSeconds(30), Cancel); // the fake clock never moves: only the signal ends the wait
    }

    [Fact]
    public async Task SetBasedInsideATransaction_SignalsAtTheCommitNotBefore()
    {
        await using var scope = Engine.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        await db.EnqueueSetBasedAsync([Outbox.Message(Rejection(), _time.GetUtcNow())], Cancel);

        var woken = Signal.WaitAsync(TimeSpan.FromHours(1), _time, Cancel);
        woken.IsCompleted.Should().BeFalse("written inside a transaction is not yet committed");

        await transaction.CommitAsync(Cancel);
        await woken.WaitAsync(TimeSpan.FromSeconds(30), Cancel); // the fake clock never moves: only the signal ends the wait
        (await db.OutboxMessages.CountAsync(Cancel)).Should().Be(1);
    }

    [Fact]
    public async Task SaveWithoutATransaction_SignalsAtOnce()
    {
        await using var scope = Engine.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        db.Enqueue(Rejection(), _time.GetUtcNow());
        await db.SaveChangesAsync(Cancel);

        Signal.WaitAsync(TimeSpan.FromHours(1), _time, Cancel).IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task RolledBack_NoSignal()
    {
        await using var scope = Engine.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync(Cancel))
        {
            db.Enqueue(Rejection(), _time.GetUtcNow());
            await db.SaveChangesAsync(Cancel);
            await transaction.RollbackAsync(Cancel);
        }

        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync(Cancel))
        {
            await transaction.CommitAsync(Cancel);
        }

        Signal.WaitAsync(TimeSpan.FromHours(1), _time, Cancel).IsCompleted.Should().BeFalse("nothing was committed to the outbox");
        (await db.OutboxMessages.CountAsync(Cancel)).Should().Be(0);
    }

    private static ApplicationRejected Rejection() => new()
    {
        Reason = "invalid",
        Detail = "test",
        QuarantineId = Guid.NewGuid(),
        RejectedAt = new DateTimeOffset(2021, 11, 1, 9, 0, 0, TimeSpan.Zero),
    };
}
