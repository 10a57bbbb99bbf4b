using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// A supervisor reorders the priority classes: the new order is stored in one transaction with the
/// audit entry, and then every open task is re-ranked set-based. On PostgreSQL the re-rank goes in
/// batches of <see cref="ReviewOptions.RerankBatchSize"/> by id, each committing on its own and each reading the
/// order in force under the ranking lock: one statement over 70,000 tasks held their row locks for
/// seconds, and every claim of those queues walked past thousands of locked rows meanwhile (claim
/// p99 25 × quiet in `bench rebalance`). Until the last batch commits, a claim may still serve a
/// task of another batch by the old order; a re-rank stopped midway is finished by the sweeper's
/// reconcile. The reorder names the version it was made against.
/// </summary>
public sealed class ClassRankings(
    BacklogFlowDbContext db,
    WorkflowCatalog catalog,
    ServingOrder servingOrder,
    SqliteWriteTurns sqliteTurns,
    IOptions<ReviewOptions> options,
    TimeProvider time)
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

        // SQLite has one writer at a time and no row locks for claims to walk past: it re-ranks in
        // this transaction, in one statement. PostgreSQL counts what the batches will move, for
        // the audit entry, and re-ranks after the commit.
        var postgreSql = db.Database.IsNpgsql();
        var reranked = postgreSql ? await OutOfOrder(db, next).CountAsync(cancellationToken) : await RerankOpenTasksAsync(db, next, cancellationToken);
        db.Audit(supervisor, AuditActions.PriorityReordered, "priority-classes",
            new { order = current.Ranking.Order, current.Version }, new { order = next.Order, moved = next.ChangedIn(current.Ranking), setting.Version, reranked }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        servingOrder.Invalidate();
        if (postgreSql)
        {
            reranked = await RerankInBatchesAsync(cancellationToken);
        }

        return (new RankingInForce(next, setting.Version, supervisor, now, DefinitionsChanged: false), reranked);
    }

    /// <summary>
    /// Re-ranks open tasks that another process ranked by an order it had not yet seen (intake reads
    /// the order from a snapshot at most <see cref="ServingOrder.MaxAge"/> old). The sweeper runs it.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await RerankInBatchesAsync(cancellationToken);
        }

        using var turn = await sqliteTurns.WaitIfSqliteAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inForce = await InForceAsync(cancellationToken);
        var reranked = await RerankOpenTasksAsync(db, inForce.Ranking, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reranked;
    }

    /// <summary>
    /// PostgreSQL: gives every open task its class's rank in the order in force, in batches of
    /// <see cref="ReviewOptions.RerankBatchSize"/> open tasks by id; each batch is a transaction that takes the
    /// ranking lock and reads the order in force, so a later reorder's batches never have their
    /// work undone by an earlier one's.
    /// </summary>
    private async Task<int> RerankInBatchesAsync(CancellationToken cancellationToken)
    {
        var reranked = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockRankingAsync(cancellationToken);
            var ranking = (await InForceAsync(cancellationToken)).Ranking;
            var (rankOfClass, classes) = RankOfClassSql(ranking);
            object[] parameters = [.. classes, after, options.Value.RerankBatchSize];
            // Only placeholders and ranks are spliced in; the class names and the bounds are parameters.
            var sql = $$"""
                WITH batch AS (
                    SELECT "Id" FROM review_tasks WHERE "CompletedAt" IS NULL AND "Id" > {{{classes.Length}}}
                     ORDER BY "Id" LIMIT {{{classes.Length + 1}}}
                ),
                moved AS (
                    UPDATE review_tasks AS t SET "ClassRank" = {{rankOfClass}}
                      FROM batch WHERE t."Id" = batch."Id" AND t."ClassRank" <> {{rankOfClass}}
                    RETURNING t."Id"
                )
                SELECT (SELECT "Id" FROM batch ORDER BY "Id" DESC LIMIT 1) AS "Last", (SELECT count(*)::int FROM moved) AS "Moved"
                """;
            // Not composed (a data-modifying WITH cannot be a subquery): the one row comes as it is.
            var batch = (await db.Database.SqlQueryRaw<RerankBatch>(sql, parameters).ToListAsync(cancellationToken)).Single();
            await transaction.CommitAsync(cancellationToken);
            reranked += batch.Moved;
            if (batch.Last is not { } last)
            {
                return reranked;
            }

            after = last;
        }
    }

    /// <summary>What one re-rank batch did: the last open task it looked at (null: none left) and how many it moved.</summary>
    private sealed class RerankBatch
    {
        public Guid? Last { get; init; }

        public int Moved { get; init; }
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
    /// statement over the open tasks (SQLite). Not a version bump: a worker holding the task is not
    /// disturbed by where it would rank in the queue.
    /// </summary>
    private static Task<int> RerankOpenTasksAsync(BacklogFlowDbContext db, ClassRanking ranking, CancellationToken cancellationToken)
    {
        var (rankOfClass, classes) = RankOfClassSql(ranking);
        var sql = $"""UPDATE review_tasks SET "ClassRank" = {rankOfClass} WHERE "CompletedAt" IS NULL AND "ClassRank" <> {rankOfClass}""";
        return db.Database.ExecuteSqlRawAsync(sql, classes, cancellationToken);
    }

    /// <summary>The open tasks <paramref name="ranking"/> gives another rank than they have.</summary>
    private static IQueryable<ReviewTask> OutOfOrder(BacklogFlowDbContext db, ClassRanking ranking)
    {
        var (rankOfClass, classes) = RankOfClassSql(ranking);
        var sql = $"""SELECT * FROM review_tasks WHERE "CompletedAt" IS NULL AND "ClassRank" <> {rankOfClass}""";
        return db.ReviewTasks.FromSqlRaw(sql, classes);
    }

    /// <summary>The rank of a task's class in <paramref name="ranking"/> as SQL, with the class names as parameters {0}, {1}...</summary>
    private static (string Sql, object[] Classes) RankOfClassSql(ClassRanking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var cases = string.Concat(ranking.Order.Select((_, rank) => $" WHEN {{{rank}}} THEN {rank}"));
        return ($"CASE \"PriorityClass\"{cases} ELSE \"ClassRank\" END", [.. ranking.Order]);
    }
}
