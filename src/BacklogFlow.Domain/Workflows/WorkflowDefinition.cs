using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// One product's declarative workflow, loaded from workflows/&lt;product&gt;.workflow.yaml. The engine
/// asks the definition; it hard-codes nothing the definition says.
/// </summary>
public sealed record WorkflowDefinition
{
    public required string Product { get; init; }
    public required string Name { get; init; }
    public required StatutoryTerm Term { get; init; }

    /// <summary>The periods a reviewer's actions open (hearing, request to complete); defaults when the file has no <c>review:</c>.</summary>
    public ReviewRules Review { get; init; } = ReviewRules.Default;

    /// <summary>Screening results decided without a person, and how; the others go to review.</summary>
    public required IReadOnlyDictionary<ScreeningResult, DecisionOutcome> AutomaticDecisions { get; init; }

    public required MandatoryRules Mandatory { get; init; }
    public required IReadOnlyList<ReviewQueue> Queues { get; init; }

    /// <summary>First match wins; validation guarantees the last rule is a catch-all.</summary>
    public required IReadOnlyList<RoutingRule> Routing { get; init; }

    /// <summary>
    /// In rank order; validation guarantees that the last class that is not escalation-only is a
    /// catch-all.
    /// </summary>
    public required IReadOnlyList<PriorityClass> PriorityClasses { get; init; }

    /// <summary>Widest threshold first.</summary>
    public required IReadOnlyList<DeadlineWarning> DeadlineWarnings { get; init; }

    /// <summary>The file it was loaded from, for messages.</summary>
    public string SourceFile { get; init; } = "";

    public DecisionOutcome? AutomaticOutcome(ScreeningResult result) =>
        AutomaticDecisions.TryGetValue(result, out var outcome) ? outcome : null;

    public ReviewQueue RouteToQueue(CaseFacts facts)
    {
        var rule = Routing.First(r => r.When.Matches(facts));
        return Queues.First(q => q.Name == rule.Queue);
    }

    /// <summary>The class a case gets at intake: the first matching class that is not escalation-only.</summary>
    public PriorityClass ClassifyPriority(CaseFacts facts) =>
        PriorityClasses.First(c => !c.EscalationOnly && c.When.Matches(facts));

    public PriorityClass? FindPriorityClass(string name) => PriorityClasses.FirstOrDefault(c => c.Name == name);
}
