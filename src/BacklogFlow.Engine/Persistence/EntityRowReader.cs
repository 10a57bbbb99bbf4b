using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// Reads an entity from the current row of a plain <see cref="DbDataReader"/>, for the few
/// statements the engine sends past EF Core (see <see cref="Review.ClaimStatement"/>): the reading
/// side of <see cref="SetBasedInsert"/>. The mapping is EF's own — table, columns, value converters
/// come from the model — compiled once per model and entity into a delegate that sets each mapped
/// member (EF's backing field where it uses one) with no boxing, so an entity read here equals one
/// EF reads (the engine tests compare the two).
/// </summary>
public static class EntityRowReader
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Entity), Delegate> Readers = new();

    /// <summary>
    /// The entity in the reader's current row. The row must have every mapped column of the entity's
    /// table, by name, in any order (e.g. <c>RETURNING t.*</c>).
    /// </summary>
    public static TEntity Read<TEntity>(IModel model, DbDataReader reader)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reader);
        var read = (Func<DbDataReader, TEntity>)Readers.GetOrAdd((model, typeof(TEntity)), static key => Compile<TEntity>(key.Model));
        return read(reader);
    }

    private static Func<DbDataReader, TEntity> Compile<TEntity>(IModel model)
        where TEntity : class
    {
        var entityType = model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not an entity of the model.");
        var store = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var constructor = typeof(TEntity).GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no parameterless constructor to read rows into.");

        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var entity = Expression.Variable(typeof(TEntity), "entity");
        var body = new List<Expression> { Expression.Assign(entity, Expression.New(constructor)) };
        var isDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;
        var getOrdinal = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetOrdinal), [typeof(string)])!;
        var getFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue), [typeof(int)])!;
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{typeof(TEntity).Name}.{property.Name} is a shadow property; {nameof(EntityRowReader)} sets members of the object.");
            }

            var ordinal = Expression.Variable(typeof(int), property.Name + "Ordinal");
            var converter = property.GetRelationalTypeMapping().Converter;
            var providerType = converter?.ProviderClrType ?? property.ClrType;
            var nonNullProviderType = Nullable.GetUnderlyingType(providerType) ?? providerType;
            Expression value = Expression.Call(reader, getFieldValue.MakeGenericMethod(nonNullProviderType), ordinal);
            if (converter is not null)
            {
                var fromProvider = converter.ConvertFromProviderExpression;
                value = ReplacingParameter.Inline(fromProvider, Expression.Convert(value, fromProvider.Parameters[0].Type));
            }

            var member = property.GetMemberInfo(forMaterialization: true, forSet: true);
            var memberType = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
            value = value.Type == memberType ? value : Expression.Convert(value, memberType);
            if (property.IsNullable)
            {
                value = Expression.Condition(Expression.Call(reader, isDbNull, ordinal), Expression.Default(memberType), value);
            }

            body.Add(Expression.Block(
                [ordinal],
                Expression.Assign(ordinal, Expression.Call(reader, getOrdinal, Expression.Constant(property.GetColumnName(store)!))),
                Expression.Assign(Expression.MakeMemberAccess(entity, member), value)));
        }

        body.Add(entity);
        return Expression.Lambda<Func<DbDataReader, TEntity>>(Expression.Block([entity], body), reader).Compile();
    }

    /// <summary>A converter's lambda body with its parameter replaced by the value read.</summary>
    private sealed class ReplacingParameter(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        public static Expression Inline(LambdaExpression lambda, Expression argument) =>
            new ReplacingParameter(lambda.Parameters[0], argument).Visit(lambda.Body);

        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
