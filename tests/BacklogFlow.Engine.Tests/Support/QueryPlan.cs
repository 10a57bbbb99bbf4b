using System.Data.Common;
using BacklogFlow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Tests.Support;

/// <summary>The plan the database makes for the SQL EF Core generates for a query, with its parameters (explained, not run).</summary>
internal static class QueryPlan
{
    public static async Task<string> ExplainAsync(BacklogFlowDbContext db, IQueryable query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);

        // PostgreSQL's EXPLAIN prints the plan in its one column; SQLite's EXPLAIN QUERY PLAN in its fourth.
        var (explain, planColumn) = db.Database.IsPostgreSql() ? ("EXPLAIN", 0) : ("EXPLAIN QUERY PLAN", 3);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = $"{explain} {command.CommandText}";
        return await ReadAsync(command, planColumn, cancellationToken);
    }

    /// <summary>Runs an EXPLAIN <paramref name="command"/> and joins the plan's lines, read from <paramref name="planColumn"/>.</summary>
    public static async Task<string> ReadAsync(DbCommand command, int planColumn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(planColumn));
        }

        return string.Join('\n', lines);
    }
}
