using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// Inserts many new rows of one entity type in one statement, inside the context's open
/// transaction, without the change tracker. Intake writes four to five rows per application; through
/// <c>SaveChanges</c> each was tracked, diffed, sorted and given its own INSERT with its own
/// parameters, which made EF the largest cost of a surge (about 40 % of the embedded engine's
/// thread time in a profile). The mapping is EF's own — table, columns, value converters and type
/// mappings come from the model — so a row written here reads back through EF like any other.
/// </summary>
/// <remarks>
/// PostgreSQL gets one array parameter per column (<c>INSERT … SELECT * FROM unnest(…)</c>): the
/// statement's text does not depend on the row count, so it is prepared once. SQLite has no arrays;
/// in process, one prepared single-row INSERT stepped once per row is its fastest way (multi-row
/// <c>VALUES</c> bind their parameters by name, and that look-up grows with the statement: slower
/// than row by row at a batch of 128). Columns the database generates (an identity key) are left to it.
/// </remarks>
public static class SetBasedInsert
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Entity), Table> Tables = new();

    public static async Task InsertAsync<TEntity>(this BacklogFlowDbContext db, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        // Rows written past the change tracker are durable only with the unit they belong to.
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"{nameof(SetBasedInsert)} writes inside the caller's transaction; begin one first.");
        var table = Tables.GetOrAdd((db.Model, typeof(TEntity)), static key => Table.Of(key.Model, key.Entity));
        if (db.Database.IsPostgreSql())
        {
            await InsertAsArraysAsync(table, rows, transaction, cancellationToken);
        }
        else
        {
            await InsertRowByRowAsync(table, rows, transaction, cancellationToken);
        }
    }

    private static async Task InsertAsArraysAsync<TEntity>(Table table, IReadOnlyList<TEntity> rows, DbTransaction transaction, CancellationToken cancellationToken)
        where TEntity : class
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table.UnnestSql;
        foreach (var column in table.Columns)
        {
            var values = Array.CreateInstance(column.ArrayElementType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(column.ProviderValue(rows[i]), i);
            }

            var parameter = command.CreateParameter();
            parameter.Value = values;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertRowByRowAsync<TEntity>(Table table, IReadOnlyList<TEntity> rows, DbTransaction transaction, CancellationToken cancellationToken)
        where TEntity : class
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table.RowSql;
        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < table.Columns.Length; c++)
            {
                var column = table.Columns[c];
                if (i == 0)
                {
                    // The type mapping converts the model value and sets the provider's type, as
                    // SaveChanges would (a Guid as text on SQLite, an instant as ticks); the
                    // following rows keep that parameter and change its value only.
                    command.Parameters.Add(column.Mapping.CreateParameter(command, $"@p{c}", column.ModelValue(rows[i]), column.Property.IsNullable));
                }
                else
                {
                    command.Parameters[c].Value = column.ProviderValue(rows[i]) ?? DBNull.Value;
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, Type ArrayElementType)
    {
        public object? ModelValue(object entity) => Property.GetGetter().GetClrValueUsingContainingEntity(entity);

        public object? ProviderValue(object entity)
        {
            var value = ModelValue(entity);
            return value is not null && Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }

    private sealed record Table(Column[] Columns, string RowSql, string UnnestSql)
    {
        public static Table Of(IModel model, Type entity)
        {
            var entityType = model.FindEntityType(entity)
                ?? throw new InvalidOperationException($"{entity.Name} is not an entity of the model.");
            var name = entityType.GetTableName()!;
            var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
            var properties = entityType.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            {
                throw new InvalidOperationException($"{entity.Name}.{shadow.Name} is a shadow property; {nameof(SetBasedInsert)} reads values from the object.");
            }

            var columns = properties.Select(p =>
            {
                var mapping = p.GetRelationalTypeMapping();
                var providerType = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
                providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
                var elementType = p.IsNullable && providerType.IsValueType ? typeof(Nullable<>).MakeGenericType(providerType) : providerType;
                return new Column(p, mapping, elementType);
            }).ToArray();
            var columnNames = string.Join(", ", properties.Select(p => Quoted(p.GetColumnName(store)!)));
            var arrays = string.Join(", ", properties.Select((p, i) => $"${i + 1}::{p.GetColumnType()}[]"));
            return new Table(
                columns,
                $"INSERT INTO {Quoted(name)} ({columnNames}) VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})",
                $"INSERT INTO {Quoted(name)} ({columnNames}) SELECT * FROM unnest({arrays})");
        }

        private static string Quoted(string identifier) => $"\"{identifier}\"";
    }
}
