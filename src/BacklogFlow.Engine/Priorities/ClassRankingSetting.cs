namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The supervisor's serving order of priority classes, stored as one row (there is one order for the
/// whole backlog). Absent until the first reorder: the definitions' declared order applies then.
/// <see cref="Version"/> is the concurrency token and the ETag of the order.
/// </summary>
public sealed class ClassRankingSetting
{
    /// <summary>The key of the one row.</summary>
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    /// <summary>Class names, served first to served last, one per line.</summary>
    public required string Order { get; set; }

    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<string> OrderedNames => Order.Split('\n');

    public static string Join(IEnumerable<string> names) => string.Join('\n', names);
}
