using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;

namespace BacklogFlow.Domain.Workflows;

/// <summary>All loaded workflow definitions, by product code.</summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, WorkflowDefinition> _byProduct;

    /// <param name="calendar">The Atw holiday calendar terms are counted with; only the statutory holidays when not given.</param>
    public WorkflowCatalog(IEnumerable<WorkflowDefinition> definitions, HolidayCalendar? calendar = null)
    {
        Calendar = calendar ?? HolidayCalendar.StatutoryOnly;
        _byProduct = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!_byProduct.TryAdd(definition.Product, definition))
            {
                throw new WorkflowDefinitionException(
                    definition.SourceFile, 1, 1,
                    $"product '{definition.Product}' is also defined in {_byProduct[definition.Product].SourceFile}");
            }
        }

        DeclaredRanking = ClassRanking.Declared(_byProduct.Values);
    }

    /// <summary>The serving order of priority classes the definitions declare; supervisors may reorder it.</summary>
    public ClassRanking DeclaredRanking { get; }

    public IReadOnlyCollection<WorkflowDefinition> Definitions => _byProduct.Values;

    /// <summary>The holidays (statutory and equated by Royal Decree) every term is counted with.</summary>
    public HolidayCalendar Calendar { get; }

    public IEnumerable<string> Products => _byProduct.Keys;

    public bool TryGet(string product, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkflowDefinition? definition) =>
        _byProduct.TryGetValue(product, out definition);

    public WorkflowDefinition Get(string product) =>
        _byProduct.TryGetValue(product, out var definition)
            ? definition
            : throw new KeyNotFoundException($"No workflow definition for product '{product}'.");

    /// <summary>Every review queue of every product: queue names are unique across definitions.</summary>
    public IEnumerable<ReviewQueue> AllQueues => _byProduct.Values.SelectMany(d => d.Queues);
}
