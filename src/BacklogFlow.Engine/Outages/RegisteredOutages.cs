using BacklogFlow.Domain.Outages;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Outages;

/// <summary>
/// The registered outage windows as intake sees them: a snapshot read at most every
/// <see cref="MaxAge"/>. A registration in this process refreshes it at once.
/// </summary>
public sealed class RegisteredOutages(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly PeriodicSnapshot<IReadOnlyCollection<OutageWindow>> _windows = new(
        scopes, time, MaxAge, async (db, cancellationToken) => await db.OutageWindows.AsNoTracking().ToListAsync(cancellationToken));

    public ValueTask<IReadOnlyCollection<OutageWindow>> CurrentAsync(CancellationToken cancellationToken) => _windows.CurrentAsync(cancellationToken);

    public void Invalidate() => _windows.Invalidate();
}
