using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Cli.Bench;

/// <summary>A case worker claiming through the engine: <see cref="ReviewWorkQueue.ClaimNextAsync"/> in its own scope and DbContext.</summary>
internal sealed class EngineClaimer(IServiceProvider services, string worker, string[] queues) : IClaimer
{
    private readonly AsyncServiceScope _scope = services.CreateAsyncScope();

    public Task PrepareAsync(CancellationToken cancellationToken) =>
        _scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>().Database.OpenConnectionAsync(cancellationToken);

    public async Task<string?> ClaimAsync(CancellationToken cancellationToken)
    {
        var claimed = await _scope.ServiceProvider.GetRequiredService<ReviewWorkQueue>().ClaimNextAsync(worker, queues, cancellationToken);
        return claimed?.Queue;
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
