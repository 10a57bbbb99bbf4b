using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Priorities;

namespace BacklogFlow.Web.Api;

/// <summary>
/// A bulk move as the API and the rebalancing page take it: the filter (every criterion optional) and
/// what to do, spelled as in the definitions ("move-to-queue", "set-priority-class", "assign-to",
/// "release"; mandatory "mandatory", "not-mandatory", "unknown").
/// </summary>
public sealed record BulkMoveRequest
{
    public string? Queue { get; init; }
    public string? Product { get; init; }
    public string? PriorityClass { get; init; }
    public string? Mandatory { get; init; }
    public DateOnly? DueOnOrBefore { get; init; }
    public string? HeldBy { get; init; }
    public bool? Held { get; init; }
    public string Kind { get; init; } = "";
    public string? Target { get; init; }

    /// <summary>The filter and the move, or the reason they cannot be read.</summary>
    public (TaskFilter Filter, BulkMove Move)? Read(out string? problem)
    {
        MandatoryStatus? mandatory = null;
        if (!string.IsNullOrEmpty(Mandatory))
        {
            if (!YamlSpellings.TryParse(Mandatory, out MandatoryStatus status))
            {
                problem = $"mandatory must be one of {string.Join(", ", YamlSpellings.MandatoryStatuses)}; got '{Mandatory}'";
                return null;
            }

            mandatory = status;
        }

        if (!BulkMoveKindSpellings.TryParse(Kind, out var kind))
        {
            problem = $"kind must be one of {string.Join(", ", BulkMoveKindSpellings.All)}; got '{Kind}'";
            return null;
        }

        problem = null;
        var filter = new TaskFilter
        {
            Queue = Blank(Queue),
            Product = Blank(Product),
            PriorityClass = Blank(PriorityClass),
            Mandatory = mandatory,
            DueOnOrBefore = DueOnOrBefore,
            HeldBy = Blank(HeldBy),
            Held = Held,
        };
        return (filter, new BulkMove(kind, Blank(Target)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
