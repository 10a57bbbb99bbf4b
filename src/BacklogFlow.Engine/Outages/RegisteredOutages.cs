using BacklogFlow.Domain.Outages;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Outages;

/// <summary>
/// The registered outage windows as intake sees them: a snapshot read at most every
/// <see cref="MaxAge"/>, so a surge of 70,000 messages does not ask the database 70,000 times.
/// A registration in this process refreshes it at once; other processes see it within MaxAge.
/// </summary>
public sealed class RegisteredOutages(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyCollection<OutageWindow> _windows = [];
    private DateTimeOffset? _readAt;

    public async ValueTask<IReadOnlyCollection<OutageWindow>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_readAt is { } readAt && time.GetUtcNow() - readAt < MaxAge)
        {
            return _windows;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_readAt is not { } again || time.GetUtcNow() - again >= MaxAge)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
                _windows = await db.OutageWindows.AsNoTracking().ToListAsync(cancellationToken);
                _readAt = time.GetUtcNow();
            }

            return _windows;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Invalidate() => _readAt = null;
}
