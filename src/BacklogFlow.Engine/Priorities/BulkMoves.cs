using System.Data;
using System.Security.Cryptography;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// A supervisor moves or reassigns open tasks in bulk, by filter: first a dry run that counts what
/// would change (and fingerprints exactly those tasks), then the apply, which is refused when the
/// tasks changed since the dry run. The apply is set-based (one statement for the tasks, one for their
/// cases), in one transaction with its audit entry; on PostgreSQL that transaction is repeatable-read,
/// so a claim that slips in between the check and the write makes the apply fail rather than move a
/// task the supervisor did not see.
/// </summary>
public sealed class BulkMoves(
    BacklogFlowDbContext db,
    WorkflowCatalog catalog,
    SqliteWriteTurns sqliteTurns,
    IOptions<ReviewOptions> reviewOptions,
    TimeProvider time)
{
    /// <summary>Why a supervisor's release is recorded on the task.</summary>
    public const string ReleasedBySupervisorReason = "released by a supervisor";

    public async Task<BulkMovePreview> PreviewAsync(TaskFilter filter, BulkMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(move);
        var now = time.GetUtcNow();
        await RefuseInvalidAsync(filter, move, now, cancellationToken);
        return await CountAsync(filter, move, now, cancellationToken);
    }

    /// <returns>The applied move, as counted at the moment it was applied.</returns>
    public async Task<BulkMovePreview> ApplyAsync(
        TaskFilter filter, BulkMove move, string expectedFingerprint, string supervisor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(move);
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        var now = time.GetUtcNow();
        await RefuseInvalidAsync(filter, move, now, cancellationToken);
        using var turn = await sqliteTurns.WaitIfSqliteAsync(db, cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(
                db.Database.IsPostgreSql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, cancellationToken);
            var applied = await CountAsync(filter, move, now, cancellationToken);
            if (applied.Fingerprint != expectedFingerprint)
            {
                throw new StaleSettingException(
                    $"the tasks changed since the dry run (it would now change {applied.Tasks}); run the dry run again and check the counts");
            }

            var changing = Changing(filter, move, now);
            var moved = await WriteAsync(changing, move, now, cancellationToken);
            db.Audit(supervisor, AuditActions.TasksMoved, "tasks:bulk",
                new { filter, groups = applied.Groups },
                new { move = new { kind = move.Kind.ToString(), move.Target }, tasks = moved, applied.LeftAlone }, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return applied with { Tasks = moved };
        }
        catch (PostgresException serialization) when (serialization.SqlState == PostgresErrorCodes.SerializationFailure)
        {
            throw new StaleSettingException("a case worker changed one of these tasks while the move was applied; run the dry run again");
        }
    }

    private async Task<int> WriteAsync(IQueryable<ReviewTask> changing, BulkMove move, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var target = move.Target;
        switch (move.Kind)
        {
            case BulkMoveKind.MoveToQueue:
                // The cases first: which tasks are changing is decided by the column the second statement changes.
                await db.Cases.Where(c => changing.Any(t => t.CaseId == c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Queue, target), cancellationToken);
                return await changing.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Queue, target!)
                    .SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
            case BulkMoveKind.SetPriorityClass:
                await db.Cases.Where(c => changing.Any(t => t.CaseId == c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.PriorityClass, target), cancellationToken);
                return await changing.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.PriorityClass, target!)
                    .SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
            case BulkMoveKind.AssignTo:
                var leaseEnd = now + reviewOptions.Value.LeaseDuration;
                return await changing.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.ClaimedBy, target)
                    .SetProperty(t => t.ClaimedAt, now)
                    .SetProperty(t => t.LeaseExpiresAt, leaseEnd)
                    .SetProperty(t => t.ClaimCount, t => t.ClaimCount + 1)
                    .SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
            case BulkMoveKind.Release:
                return await changing.ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.ClaimedBy, (string?)null)
                    .SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null)
                    .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(t => t.LastReleaseReason, ReleasedBySupervisorReason)
                    .SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
            default:
                throw new RebalanceRefusedException($"unknown bulk move '{move.Kind}'");
        }
    }

    private async Task<BulkMovePreview> CountAsync(TaskFilter filter, BulkMove move, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var matched = await Matching(filter, now).CountAsync(cancellationToken);
        var changing = await Changing(filter, move, now)
            .OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Version, t.Queue, t.PriorityClass })
            .ToListAsync(cancellationToken);
        var groups = changing
            .GroupBy(t => (t.Queue, t.PriorityClass))
            .Select(g => new BulkMoveGroup(g.Key.Queue, g.Key.PriorityClass, g.Count()))
            .OrderBy(g => g.Queue, StringComparer.Ordinal).ThenBy(g => g.PriorityClass, StringComparer.Ordinal)
            .ToList();
        return new BulkMovePreview(move, changing.Count, matched - changing.Count, groups, Fingerprint(move, changing.Select(t => (t.Id, t.Version))));
    }

    /// <summary>The matched tasks this move would actually change.</summary>
    private IQueryable<ReviewTask> Changing(TaskFilter filter, BulkMove move, DateTimeOffset now)
    {
        var matched = Matching(filter, now);
        var target = move.Target;
        return move.Kind switch
        {
            BulkMoveKind.MoveToQueue => matched.Where(t => t.Queue != target),
            BulkMoveKind.SetPriorityClass => matched.Where(t => t.PriorityClass != target),

            // Four eyes: never to the reviewer who intended the refusal; and not to whom holds it already.
            BulkMoveKind.AssignTo => matched.Where(t =>
                (t.RefusalIntendedBy == null || t.RefusalIntendedBy != target)
                && !(t.ClaimedBy == target && t.LeaseExpiresAt > now)),
            BulkMoveKind.Release => matched.Where(t => t.ClaimedBy != null && t.LeaseExpiresAt > now),
            _ => throw new RebalanceRefusedException($"unknown bulk move '{move.Kind}'"),
        };
    }

    private IQueryable<ReviewTask> Matching(TaskFilter filter, DateTimeOffset now)
    {
        var tasks = db.ReviewTasks.Where(t => t.CompletedAt == null);
        if (filter.Queue is { } queue)
        {
            tasks = tasks.Where(t => t.Queue == queue);
        }

        if (filter.PriorityClass is { } priorityClass)
        {
            tasks = tasks.Where(t => t.PriorityClass == priorityClass);
        }

        if (filter.DueOnOrBefore is { } due)
        {
            tasks = tasks.Where(t => t.DueDate <= due);
        }

        if (filter.HeldBy is { } holder)
        {
            tasks = tasks.Where(t => t.ClaimedBy == holder && t.LeaseExpiresAt > now);
        }

        tasks = filter.Held switch
        {
            true => tasks.Where(t => t.ClaimedBy != null && t.LeaseExpiresAt > now),
            false => tasks.Where(t => t.LeaseExpiresAt == null || t.LeaseExpiresAt <= now),
            null => tasks,
        };

        if (filter.Product is { } product)
        {
            tasks = tasks.Where(t => db.Cases.Any(c => c.Id == t.CaseId && c.Product == product));
        }

        if (filter.Mandatory is { } mandatory)
        {
            tasks = tasks.Where(t => db.Cases.Any(c => c.Id == t.CaseId && c.Mandatory == mandatory));
        }

        return tasks;
    }

    /// <summary>Refuses a move the definitions do not allow for the tasks it matches, naming why.</summary>
    private async Task RefuseInvalidAsync(TaskFilter filter, BulkMove move, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (move.Kind != BulkMoveKind.Release && string.IsNullOrWhiteSpace(move.Target))
        {
            throw new RebalanceRefusedException($"a bulk move '{move.Kind}' needs a target");
        }

        if (move.Kind is not (BulkMoveKind.MoveToQueue or BulkMoveKind.SetPriorityClass))
        {
            return;
        }

        if (move.Kind == BulkMoveKind.MoveToQueue && catalog.AllQueues.All(q => q.Name != move.Target))
        {
            throw new RebalanceRefusedException($"there is no review queue '{move.Target}' (queues: {string.Join(", ", catalog.AllQueues.Select(q => q.Name))})");
        }

        if (move.Kind == BulkMoveKind.SetPriorityClass && !catalog.DeclaredRanking.Order.Contains(move.Target!, StringComparer.Ordinal))
        {
            throw new RebalanceRefusedException($"there is no priority class '{move.Target}' (classes: {string.Join(", ", catalog.DeclaredRanking.Order)})");
        }

        var matched = Matching(filter, now);
        var products = await db.Cases.Where(c => matched.Any(t => t.CaseId == c.Id)).Select(c => c.Product).Distinct().ToListAsync(cancellationToken);
        var wrong = move.Kind == BulkMoveKind.MoveToQueue
            ? products.Where(p => catalog.Get(p).Queues.All(q => q.Name != move.Target)).ToList()
            : products.Where(p => catalog.Get(p).FindPriorityClass(move.Target!) is null).ToList();
        if (wrong.Count > 0)
        {
            var what = move.Kind == BulkMoveKind.MoveToQueue ? $"queue '{move.Target}'" : $"priority class '{move.Target}'";
            throw new RebalanceRefusedException(
                $"the filter matches tasks of product(s) {string.Join(", ", wrong)}, whose definition has no {what}; narrow the filter to one product");
        }
    }

    private static string Fingerprint(BulkMove move, IEnumerable<(Guid Id, int Version)> tasks)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{move.Kind}\n{move.Target}\n"));
        Span<byte> row = stackalloc byte[20];
        foreach (var (id, version) in tasks)
        {
            id.TryWriteBytes(row);
            BitConverter.TryWriteBytes(row[16..], version);
            hash.AppendData(row);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
