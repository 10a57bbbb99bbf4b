using System.Linq.Expressions;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Review;

/// <summary>
/// The order in which priority classes are served, across all products: a task's rank is its
/// class's position here, applied when tasks are read (<see cref="QueueOrder"/>), never stored on
/// them, so a reorder is one write whatever the backlog. The definitions give the default
/// (their declared order); a supervisor may reorder the classes, which changes what is served first
/// but never which class a case falls into — that stays the definition's first-match rule.
/// </summary>
public sealed class ClassRanking
{
    private readonly Dictionary<string, int> _ranks;

    public ClassRanking(IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        _ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var rank = 0; rank < order.Count; rank++)
        {
            if (string.IsNullOrWhiteSpace(order[rank]))
            {
                throw new ArgumentException("a priority class name is empty");
            }

            if (!_ranks.TryAdd(order[rank], rank))
            {
                throw new ArgumentException($"priority class '{order[rank]}' is named twice");
            }
        }

        Order = [.. order];
        TaskRank = RankExpression(Order);
    }

    /// <summary>Class names, served first to served last.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>
    /// The declared order of every definition's classes merged: a class ranks by its lowest position
    /// in any definition, ties broken by name so the result never depends on file order.
    /// </summary>
    public static ClassRanking Declared(IEnumerable<WorkflowDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return new ClassRanking([.. definitions
            .SelectMany(d => d.PriorityClasses)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Min(c => c.Rank))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)]);
    }

    public int RankOf(string className) =>
        _ranks.TryGetValue(className, out var rank)
            ? rank
            : throw new KeyNotFoundException($"priority class '{className}' is not ranked (ranked: {string.Join(", ", Order)})");

    /// <summary>
    /// Where a task of <paramref name="className"/> is served: its rank, or after every ranked class
    /// when the definitions no longer declare it (the task stays claimable rather than lost).
    /// </summary>
    public int ServingRankOf(string className) => _ranks.GetValueOrDefault(className, Order.Count);

    /// <summary>The classes served after <paramref name="className"/>: what an escalation to it moves up.</summary>
    public string[] ServedAfter(string className) => [.. Order.Skip(RankOf(className) + 1)];

    /// <summary><see cref="ServingRankOf"/> as an expression a database evaluates: a CASE over the class names.</summary>
    public Expression<Func<ReviewTask, int>> TaskRank { get; }

    private static Expression<Func<ReviewTask, int>> RankExpression(IReadOnlyList<string> order)
    {
        var task = Expression.Parameter(typeof(ReviewTask), "task");
        var priorityClass = Expression.Property(task, nameof(ReviewTask.PriorityClass));
        Expression rank = Expression.Constant(order.Count);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(priorityClass, Expression.Constant(order[i])), Expression.Constant(i), rank);
        }

        return Expression.Lambda<Func<ReviewTask, int>>(rank, task);
    }

    /// <summary>
    /// The same classes in a new order; refused unless <paramref name="order"/> names exactly the
    /// classes ranked now, each once, so a reorder can neither drop nor invent a class.
    /// </summary>
    public ClassRanking Reorder(IReadOnlyList<string> order)
    {
        var reordered = new ClassRanking(order);
        var missing = Order.Except(reordered.Order, StringComparer.Ordinal).ToList();
        var unknown = reordered.Order.Except(Order, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new ArgumentException(
                $"a reorder must name every priority class once ({string.Join(", ", Order)})"
                + (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "")
                + (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : ""));
        }

        return reordered;
    }

    /// <summary>The classes whose rank differs between this ranking and <paramref name="other"/>.</summary>
    public IEnumerable<string> ChangedIn(ClassRanking other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Order.Where(c => other._ranks.GetValueOrDefault(c, -1) != _ranks[c]);
    }
}
