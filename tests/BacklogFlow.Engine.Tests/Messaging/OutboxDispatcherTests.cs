using System.Reflection;
using BacklogFlow.Contracts;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BacklogFlow.Engine.Tests.Messaging;

/// <summary>
/// The dispatcher publishes the oldest messages in order and deletes exactly those the bus accepted;
/// when the bus fails, nothing is deleted (at least once). On both providers: PostgreSQL deletes
/// first under a lock and commits after the publish, SQLite publishes first and deletes after.
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("backlogflow-dispatcher-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider? _engine;
    private string? _postgreSql;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        if (_postgreSql is not null)
        {
            await PostgreSqlTestDatabases.DropAsync(_postgreSql);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task DispatchBatch_BusAccepts_PublishesInOrderAndDeletesThem(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var stored = await StoreAsync(3);
        var bus = RecordingBus.Create(fail: false);

        var published = await Dispatcher(bus).DispatchBatchAsync(Cancel);

        published.Should().Be(3);
        RecordingBus.Of(bus).Published.Cast<ApplicationRejected>().Select(m => m.QuarantineId).Should().Equal(stored);
        (await CountAsync()).Should().Be(0, "what the bus accepted is deleted");
        (await Dispatcher(bus).DispatchBatchAsync(Cancel)).Should().Be(0, "and never published again");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task DispatchBatch_BusFails_NothingDeleted(DatabaseProvider provider)
    {
        await StartAsync(provider);
        await StoreAsync(3);

        var dispatch = () => Dispatcher(RecordingBus.Create(fail: true)).DispatchBatchAsync(Cancel);

        await dispatch.Should().ThrowAsync<InvalidOperationException>();
        (await CountAsync()).Should().Be(3, "the next round publishes them again");
    }

    private async Task StartAsync(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.PostgreSql
            ? _postgreSql = await PostgreSqlTestDatabases.CreateAsync(Cancel)
            : $"Data Source={Path.Combine(_directory.FullName, "outbox.db")}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = provider.ToString(),
            [$"{DatabaseOptions.Section}:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBacklogFlowEngineCore(configuration);
        services.AddSingleton<TimeProvider>(_time);
        _engine = services.BuildServiceProvider();
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var scope = _engine.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().Database.EnsureCreatedAsync(Cancel);
        }
    }

    /// <returns>The stored messages' quarantine ids, in the order stored.</returns>
    private async Task<List<Guid>> StoreAsync(int count)
    {
        await using var scope = _engine!.CreateAsyncScope();
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
        await using var scope = _engine!.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().OutboxMessages.CountAsync(Cancel);
    }

    private OutboxDispatcher Dispatcher(IBus bus) =>
        ActivatorUtilities.CreateInstance<OutboxDispatcher>(_engine!, bus, new StartedLifetime());

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
