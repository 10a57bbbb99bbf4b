namespace BacklogFlow.Engine.Priorities;

/// <summary>How bulk move kinds are written in the API and the forms: kebab-case, like the definitions' spellings.</summary>
public static class BulkMoveKindSpellings
{
    private static readonly Dictionary<BulkMoveKind, string> Spellings = new()
    {
        [BulkMoveKind.MoveToQueue] = "move-to-queue",
        [BulkMoveKind.SetPriorityClass] = "set-priority-class",
        [BulkMoveKind.AssignTo] = "assign-to",
        [BulkMoveKind.Release] = "release",
    };

    public static IReadOnlyList<string> All { get; } = [.. Spellings.Values];

    public static string Of(BulkMoveKind kind) => Spellings[kind];

    public static bool TryParse(string? spelling, out BulkMoveKind kind)
    {
        foreach (var (candidate, written) in Spellings)
        {
            if (string.Equals(written, spelling, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
