using System.Reflection;
using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Engine.Tests.Messaging;

/// <summary>
/// The dispatcher publishes the oldest messages in order and deletes exactly those the bus accepted;
/// when the bus fails, nothing is deleted (at least once). On both providers: PostgreSQL deletes
/// first under a lock and commits after the publish, SQLite publishes first and deletes after,
/// gathered over rounds (see <see cref="OutboxDispatcher.DeleteDelay"/>).
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private EngineCore? _core;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ServiceProvider Engine => _core?.Services ?? throw new InvalidOperationException("start the engine first");

    public async ValueTask DisposeAsync()
    {
        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task DispatchBatch_BusAccepts_PublishesInOrderAndDeletesThem(TestDatabase database)
    {
        await StartAsync(database);
        var stored = await StoreAsync(3);
        var bus = RecordingBus.Create(fail: false);

        var dispatcher = Dispatcher(bus);

        var published = await dispatcher.DispatchBatchAsync(Cancel);

        published.Should().Be(3);
        RecordingBus.Of(bus).Published.Cast<ApplicationRejected>().Select(m => m.QuarantineId).Should().Equal(stored);
        (await dispatcher.DispatchBatchAsync(Cancel)).Should().Be(0, "what was published is not published again");
        (await CountAsync()).Should().Be(0, "what the bus accepted is deleted (on SQLite at the latest by the round that finds nothing new)");
        (await Dispatcher(bus).DispatchBatchAsync(Cancel)).Should().Be(0, "nor by another dispatcher");
    }

    [Fact]
    public async Task DispatchBatch_Sqlite_DeletesPublishedRowsGatheredAfterTheDeleteDelay()
    {
        await StartAsync(TestDatabase.Sqlite);
        var bus = RecordingBus.Create(fail: false);
        var dispatcher = Dispatcher(bus);
        await StoreAsync(3);
        (await dispatcher.DispatchBatchAsync(Cancel)).Should().Be(3);
        (await CountAsync()).Should().Be(3, "published rows wait to be deleted together (one commit for several rounds)");

        await StoreAsync(2);
        _time.Advance(OutboxDispatcher.DeleteDelay);
        (await dispatcher.DispatchBatchAsync(Cancel)).Should().Be(2, "only what came since");

        (await CountAsync()).Should().Be(0, "the delete delay passed: every published row is deleted at once");
        RecordingBus.Of(bus).Published.Should().HaveCount(5);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task DispatchBatch_BusFails_NothingDeleted(TestDatabase database)
    {
        await StartAsync(database);
        await StoreAsync(3);

        var dispatch = () => Dispatcher(RecordingBus.Create(fail: true)).DispatchBatchAsync(Cancel);

        await dispatch.Should().ThrowAsync<InvalidOperationException>();
        (await CountAsync()).Should().Be(3, "the next round publishes them again");
    }

    private async Task StartAsync(TestDatabase database) => _core = await EngineCore.StartAsync(database, _time);

    /// <returns>The stored messages' quarantine ids, in the order stored.</returns>
    private async Task<List<Guid>> StoreAsync(int count)
    {
        await using var scope = Engine.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            db.Enqueue(new ApplicationRejected { Reason = "invalid", Detail = "test", QuarantineId = id, RejectedAt = _time.GetUtcNow() }, _time.GetUtcNow());
            await db.SaveChangesAsync(Cancel);
        }

        return ids;
    }

    private async Task<int> CountAsync()
    {
        await using var scope = Engine.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().OutboxMessages.CountAsync(Cancel);
    }

    private OutboxDispatcher Dispatcher(IBus bus) =>
        ActivatorUtilities.CreateInstance<OutboxDispatcher>(Engine, bus, new StartedLifetime());

    /// <summary>The edge we stand in for: a bus that records what it is asked to publish, or fails.</summary>
    public class RecordingBus : DispatchProxy
    {
        private bool _fail;

        public List<object> Published { get; } = [];

        public static IBus Create(bool fail)
        {
            var bus = DispatchProxy.Create<IBus, RecordingBus>();
            Of(bus)._fail = fail;
            return bus;
        }

        public static RecordingBus Of(IBus bus) => (RecordingBus)(object)bus;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IPublishEndpoint.Publish) } && args is [{ } message, Type, CancellationToken])
            {
                if (_fail)
                {
                    return Task.FromException(new InvalidOperationException("the broker is unreachable"));
                }

                lock (Published)
                {
                    Published.Add(message);
                }

                return Task.CompletedTask;
            }

            throw new NotSupportedException($"the dispatcher does not call {targetMethod?.Name}");
        }
    }

    private sealed class StartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
