using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// Settings SQLite keeps per connection, applied once to each connection EF Core opens. A pooled
/// connection keeps them, so they are set when its handle is new, not on every open (every claim
/// opens one).
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    /// <summary>
    /// A connection's commit checkpoints the log itself only when the log has grown past this many
    /// pages (64 MB at 4 KB) rather than SQLite's default 1,000: the <see cref="SqliteCheckpointer"/>
    /// does it in the background; this bounds the log where none runs.
    /// </summary>
    public const int AutoCheckpointPages = 16_000;

    private static readonly string Settings = $"PRAGMA wal_autocheckpoint = {AutoCheckpointPages};";

    /// <summary>The handles already set (a handle lives as long as its pooled connection).</summary>
    private readonly ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Settings;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Settings;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool IsNew(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is not SqliteConnection { Handle: { } handle } || _set.TryAdd(handle, handle);
    }
}
