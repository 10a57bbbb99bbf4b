using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Engine.Tests.Messaging;

/// <summary>
/// The dispatcher is woken when outbox rows become visible, not before: a wake-up before the commit
/// finds nothing and the rows wait for the next poll (in tests on fake time: for ever).
/// </summary>
public sealed class OutboxCommitInterceptorTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("backlogflow-outbox-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _engine = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private OutboxSignal Signal => _engine.GetRequiredService<OutboxSignal>();

    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = nameof(DatabaseProvider.Sqlite),
            [$"{DatabaseOptions.Section}:ConnectionString"] = $"Data Source={Path.Combine(_directory.FullName, "outbox.db")};Pooling=false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBacklogFlowEngineCore(configuration);
        services.AddSingleton<TimeProvider>(_time);
        _engine = services.BuildServiceProvider();
        await using var scope = _engine.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().Database.EnsureCreatedAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task SaveInsideATransaction_SignalsAtTheCommitNotBefore()
    {
        await using var scope = _engine.CreateAsyncScope();
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
        await using var scope = _engine.CreateAsyncScope();
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
        await using var scope = _engine.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        db.Enqueue(Rejection(), _time.GetUtcNow());
        await db.SaveChangesAsync(Cancel);

        Signal.WaitAsync(TimeSpan.FromHours(1), _time, Cancel).IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task RolledBack_NoSignal()
    {
        await using var scope = _engine.CreateAsyncScope();
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
