using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// A value read from the database at most every <see cref="MaxAge"/>, so that a surge of 70,000
/// messages does not ask the database 70,000 times for settings that change a few times a day. A
/// change made in this process invalidates it at once; other processes see it within MaxAge.
/// </summary>
public sealed class PeriodicSnapshot<T>(
    IServiceScopeFactory scopes, TimeProvider time, TimeSpan maxAge, Func<BacklogFlowDbContext, CancellationToken, Task<T>> read)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private T? _value;
    private DateTimeOffset? _readAt;

    public TimeSpan MaxAge => maxAge;

    public async ValueTask<T> CurrentAsync(CancellationToken cancellationToken)
    {
        if (IsFresh())
        {
            return _value!;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (!IsFresh())
            {
                await using var scope = scopes.CreateAsyncScope();
                _value = await read(scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>(), cancellationToken);
                _readAt = time.GetUtcNow();
            }

            return _value!;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Invalidate() => _readAt = null;

    private bool IsFresh() => _readAt is { } readAt && time.GetUtcNow() - readAt < maxAge;
}
