using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The serving order of priority classes as claims, the dashboard and the sweeper see it: read at
/// most every <see cref="MaxAge"/>. A reorder in this process applies at once (<see cref="Invalidate"/>);
/// one in another process reaches this one within MaxAge. Nothing needs putting right afterwards:
/// tasks do not store their rank.
/// </summary>
public sealed class ServingOrder
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly PeriodicSnapshot<RankingInForce> _snapshot;

    public ServingOrder(IServiceScopeFactory scopes, WorkflowCatalog catalog, TimeProvider time)
    {
        _snapshot = new(scopes, time, MaxAge, (db, cancellationToken) => ReadAsync(db, catalog, cancellationToken));
    }

    public ValueTask<RankingInForce> CurrentAsync(CancellationToken cancellationToken) => _snapshot.CurrentAsync(cancellationToken);

    public void Invalidate() => _snapshot.Invalidate();

    /// <summary>The order in force, read now: the stored one when it names exactly the declared classes, else the declared one.</summary>
    public static async Task<RankingInForce> ReadAsync(BacklogFlowDbContext db, WorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var declared = catalog.DeclaredRanking;
        var stored = await db.ClassRanking.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return new RankingInForce(declared, 0, null, null, DefinitionsChanged: false);
        }

        try
        {
            return new RankingInForce(declared.Reorder(stored.OrderedNames), stored.Version, stored.ChangedBy, stored.ChangedAt, DefinitionsChanged: false);
        }
        catch (ArgumentException)
        {
            return new RankingInForce(declared, stored.Version, stored.ChangedBy, stored.ChangedAt, DefinitionsChanged: true);
        }
    }
}
