using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// A supervisor reorders the priority classes: the new order is stored and every open task is
/// re-ranked by one set-based statement, in one transaction with the audit entry, so that the next
/// claim already serves by the new order. The reorder names the version it was made against.
/// </summary>
public sealed class ClassRankings(
    BacklogFlowDbContext db, WorkflowCatalog catalog, ServingOrder servingOrder, SqliteWriteTurns sqliteTurns, TimeProvider time)
{
    /// <summary>
    /// The PostgreSQL advisory lock ("BFRK") a reorder and a reconcile hold for their transaction, so a
    /// reconcile that read the old order can never re-rank tasks after a reorder did.
    /// </summary>
    private const long RankingLockKey = 0x4246524B;

    /// <summary>The order in force, read from the database now (not the snapshot intake uses).</summary>
    public Task<RankingInForce> InForceAsync(CancellationToken cancellationToken) => ServingOrder.ReadAsync(db, catalog, cancellationToken);

    /// <returns>The new order in force and how many open tasks changed rank.</returns>
    public async Task<(RankingInForce InForce, int Reranked)> ReorderAsync(
        IReadOnlyList<string> order, int expectedVersion, string supervisor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        using var turn = await sqliteTurns.WaitIfSqliteAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockRankingAsync(cancellationToken);
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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another supervisor's reorder won between our read and our write.
            throw new StaleSettingException("the priority order was changed meanwhile; reload and try again");
        }

        var reranked = await RerankOpenTasksAsync(db, next, cancellationToken);
        db.Audit(supervisor, AuditActions.PriorityReordered, "priority-classes",
            new { order = current.Ranking.Order, current.Version }, new { order = next.Order, moved = next.ChangedIn(current.Ranking), setting.Version, reranked }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        servingOrder.Invalidate();
        return (new RankingInForce(next, setting.Version, supervisor, now, DefinitionsChanged: false), reranked);
    }

    /// <summary>
    /// Re-ranks open tasks that another process ranked by an order it had not yet seen (intake reads
    /// the order from a snapshot at most <see cref="ServingOrder.MaxAge"/> old). The sweeper runs it.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        using var turn = await sqliteTurns.WaitIfSqliteAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockRankingAsync(cancellationToken);
        var inForce = await InForceAsync(cancellationToken);
        var reranked = await RerankOpenTasksAsync(db, inForce.Ranking, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reranked;
    }

    private async Task LockRankingAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({RankingLockKey})", cancellationToken);
        }
    }

    /// <summary>
    /// Gives every open task whose rank differs from <paramref name="ranking"/> its class's rank: one
    /// statement over the open tasks (the partial queue-order index holds exactly those). Used by the
    /// reorder and by the sweeper, which puts right tasks another process ranked by an order it had
    /// not yet seen. Not a version bump: a worker holding the task is not disturbed by where it would
    /// rank in the queue.
    /// </summary>
    private static Task<int> RerankOpenTasksAsync(BacklogFlowDbContext db, ClassRanking ranking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ranking);
        var cases = string.Concat(ranking.Order.Select((_, rank) => $" WHEN {{{rank}}} THEN {rank}"));
        var rankOfClass = $"CASE \"PriorityClass\"{cases} ELSE \"ClassRank\" END";
        var sql = $"""UPDATE review_tasks SET "ClassRank" = {rankOfClass} WHERE "CompletedAt" IS NULL AND "ClassRank" <> {rankOfClass}""";
        return db.Database.ExecuteSqlRawAsync(sql, ranking.Order.Cast<object>(), cancellationToken);
    }
}
