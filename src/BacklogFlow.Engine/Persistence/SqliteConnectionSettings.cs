using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// Settings SQLite keeps per connection, applied whenever EF Core opens one (pooled connections
/// keep them, and setting them again costs one short statement).
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

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Settings;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Settings;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
