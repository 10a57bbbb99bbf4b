using System.Threading.Channels;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Review;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// Group commit for intake. The consumer hands each message here and waits for its outcome; a
/// writer takes every message waiting (up to <see cref="IntakeOptions.BatchSize"/>) and commits them
/// in one transaction, while the next batch gathers. One commit per message made the disk's flush
/// the limit (about 190 messages/s on SQLite here); per batch it is paid once. A message is
/// acknowledged only after its batch committed, so nothing is acknowledged before it is durable.
/// When a batch fails, its messages are taken in one by one, so each succeeds or fails (and is
/// retried, or ends in the error queue and quarantine) on its own, as without batching.
/// Each writer has its own line, and a message's line is chosen by its application's key: two
/// messages of one application never race each other in concurrent transactions, and within one
/// line the second waits for the next batch, where it sees the first's record.
/// </summary>
public sealed class IntakeBatcher : IAsyncDisposable
{
    private readonly Channel<Pending>[] _lines;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly SqliteWriteTurns _sqliteTurns;
    private readonly IntakeOptions _options;
    private readonly Lock _startLock = new();
    private Task[]? _writers;

    public IntakeBatcher(IServiceScopeFactory scopes, SqliteWriteTurns sqliteTurns, IOptions<IntakeOptions> options, IOptions<DatabaseOptions> database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        _scopes = scopes;
        _sqliteTurns = sqliteTurns;
        _options = options.Value;

        // SQLite has one writer at a time: more writers would only wait for each other.
        var writers = database.Value.Provider == DatabaseProvider.Sqlite ? 1 : _options.BatchWriters;
        _lines = [.. Enumerable.Range(0, writers).Select(_ => Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true }))];
    }

    /// <summary>Takes the message in with the next batch; completes when that batch committed.</summary>
    public Task<IntakeOutcome> AcceptAsync(IntakeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        StartWriters();
        var pending = new Pending(message, new TaskCompletionSource<IntakeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        if (!LineOf(message).Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(IntakeBatcher), "intake is stopping");
        }

        return pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var line in _lines)
        {
            line.Writer.TryComplete();
        }

        await _stopping.CancelAsync();
        if (_writers is { } writers)
        {
            await Task.WhenAll(writers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private void StartWriters()
    {
        if (_writers is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _writers ??= [.. _lines.Select(line => Task.Run(() => WriteAsync(line, _stopping.Token)))];
        }
    }

    private Channel<Pending> LineOf(IntakeMessage message) =>
        _lines[(int)((uint)StringComparer.Ordinal.GetHashCode(message.Key) % (uint)_lines.Length)];

    private async Task WriteAsync(Channel<Pending> line, CancellationToken stopping)
    {
        var reader = line.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                var batch = new List<Pending>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                var later = new List<Pending>();
                while (batch.Count < _options.BatchSize && reader.TryRead(out var pending))
                {
                    // A second message of one application waits for the next batch, where it sees the first's record.
                    (keys.Add(pending.Message.Key) ? batch : later).Add(pending);
                }

                foreach (var pending in later)
                {
                    line.Writer.TryWrite(pending);
                }

                await CommitAsync(batch, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: whatever still waits is not acknowledged and the broker delivers it again.
        }

        while (reader.TryRead(out var left))
        {
            left.Outcome.TrySetCanceled(stopping);
        }
    }

    private async Task CommitAsync(List<Pending> batch, CancellationToken stopping)
    {
        // A message whose consume was cancelled cannot be acknowledged any more: the broker delivers
        // it again. Taking it in now would make that delivery a duplicate, so it is left for then.
        // (Its consume stopped waiting for the outcome when it was cancelled: nothing to complete.)
        batch.RemoveAll(p => p.Abandoned.IsCancellationRequested);
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var outcomes = await AcceptManyAsync([.. batch.Select(p => p.Message)], stopping);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Outcome.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception) when (batch.Count > 1 && !stopping.IsCancellationRequested)
        {
            foreach (var pending in batch)
            {
                await CommitAsync([pending], stopping);
            }
        }
        catch (Exception failure)
        {
            // A single message's own failure (its consume is retried), or intake stopping mid-batch.
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(failure);
            }
        }
    }

    private async Task<IReadOnlyList<IntakeOutcome>> AcceptManyAsync(IReadOnlyList<IntakeMessage> messages, CancellationToken stopping)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklogFlowDbContext>();
        // Intake's look-ups run on tables the surge grows from nothing: planned each time.
        db.UseConnectionVariant(DatabaseRegistration.WithCustomPlans);

        using var turn = await _sqliteTurns.WaitIfSqliteAsync(db, stopping);
        return await scope.ServiceProvider.GetRequiredService<ApplicationIntake>().AcceptManyAsync(messages, stopping);
    }

    /// <param name="Abandoned">The consume's token: cancelled when the broker connection dropped and the message will come again.</param>
    private sealed record Pending(IntakeMessage Message, TaskCompletionSource<IntakeOutcome> Outcome, CancellationToken Abandoned);
}
