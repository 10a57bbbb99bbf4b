using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// A supervisor reorders the priority classes: the new order is stored in one transaction with the
/// audit entry, and that is all. No task stores its class's rank: claims and listings apply the
/// order in force when they read (<see cref="QueueOrder"/>), so a reorder costs one row whatever the
/// backlog, and claims never see a half-reranked queue. Claims in this process follow at once
/// (<see cref="ServingOrder.Invalidate"/>), other processes within <see cref="ServingOrder.MaxAge"/>.
/// The reorder names the version it was made against.
/// </summary>
public sealed class ClassRankings(
    BacklogFlowDbContext db,
    WorkflowCatalog catalog,
    ServingOrder servingOrder,
    SqliteWriteTurns sqliteTurns,
    TimeProvider time)
{
    /// <summary>The order in force, read from the database now (not the snapshot claims use).</summary>
    public Task<RankingInForce> InForceAsync(CancellationToken cancellationToken) => ServingOrder.ReadAsync(db, catalog, cancellationToken);

    /// <returns>The new order in force and how many open tasks are in a class whose rank changed.</returns>
    public async Task<(RankingInForce InForce, int Reranked)> ReorderAsync(
        IReadOnlyList<string> order, int expectedVersion, string supervisor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        using var turn = await sqliteTurns.WaitIfSqliteAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await InForceAsync(cancellationToken);
        if (current.Version != expectedVersion)
        {
            throw new StaleSettingException(
                $"the priority order was changed meanwhile (now version {current.Version}, you edited version {expectedVersion}); reload and try again");
        }

        ClassRanking next;
        try
        {
            next = current.Ranking.Reorder(order);
        }
        catch (ArgumentException invalid)
        {
            throw new RebalanceRefusedException(invalid.Message);
        }

        var now = time.GetUtcNow();
        db.ChangeTracker.Clear();
        var setting = await db.ClassRanking.SingleOrDefaultAsync(cancellationToken);
        if (setting is null)
        {
            setting = new ClassRankingSetting { Order = "", ChangedBy = supervisor };
            db.ClassRanking.Add(setting);
        }
        else
        {
            // The write checks the version the supervisor saw, not the one just read.
            db.Entry(setting).Property(s => s.Version).OriginalValue = expectedVersion;
        }

        setting.Order = ClassRankingSetting.Join(next.Order);
        setting.ChangedBy = supervisor;
        setting.ChangedAt = now;
        setting.Version = expectedVersion + 1;
        var moved = next.ChangedIn(current.Ranking).ToArray();
        var reranked = await db.ReviewTasks.CountAsync(t => t.CompletedAt == null && moved.Contains(t.PriorityClass), cancellationToken);
        db.Audit(supervisor, AuditActions.PriorityReordered, "priority-classes",
            new { order = current.Ranking.Order, current.Version }, new { order = next.Order, moved, setting.Version, reranked }, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another supervisor's reorder won between our read and our write.
            throw new StaleSettingException("the priority order was changed meanwhile; reload and try again");
        }

        await transaction.CommitAsync(cancellationToken);
        servingOrder.Invalidate();
        return (new RankingInForce(next, setting.Version, supervisor, now, DefinitionsChanged: false), reranked);
    }
}
