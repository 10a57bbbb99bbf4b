using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Review;

/// <summary>
/// On SQLite, the work queue's writes in this process take turns, in order of arrival. SQLite lets one
/// connection write at a time, and Microsoft.Data.Sqlite waits for a busy file by sleeping 150 ms
/// between attempts; with 32 case workers claiming at once, one of them kept finding the file busy
/// until its command timed out ("database is locked" after 30 s) while the others wrote. Waiting here
/// instead is fair and costs no thread. Other processes on the same file still wait the driver's way;
/// PostgreSQL needs no turns (its claim skips locked rows).
/// </summary>
public sealed class SqliteWriteTurns
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this caller's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> WaitAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    /// <summary>Waits for a turn when <paramref name="db"/> is on SQLite; null (no turn needed) on PostgreSQL.</summary>
    public async Task<IDisposable?> WaitIfSqliteAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database.IsPostgreSql() ? null : await WaitAsync(cancellationToken);

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
