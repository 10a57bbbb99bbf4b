using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;
using BenchmarkDotNet.Attributes;

namespace BacklogFlow.Benchmarks;

/// <summary>
/// Workflow routing: <see cref="WorkflowDefinition.RouteToQueue"/> and
/// <see cref="WorkflowDefinition.ClassifyPriority"/> (first match wins over the definition's rules)
/// for cases of every mandatory status, against a bare switch on that status.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private WorkflowDefinition _definition = null!;
    private CaseFacts[] _facts = [];
    private string[] _queueNames = [];

    [GlobalSetup]
    public void Setup()
    {
        _definition = DomainFixtures.Catalog.Get("vog-np");
        _queueNames = [.. _definition.Queues.Select(q => q.Name)];
        _facts = [.. Enum.GetValues<MandatoryStatus>().SelectMany(status => new[] { "childcare", "general", "taxi" }
            .Select(sector => new CaseFacts("vog-np", sector, sector, Channels.Web, status, ScreeningResult.Record)))];
    }

    [Benchmark]
    public int RouteToQueue()
    {
        var length = 0;
        foreach (var facts in _facts)
        {
            length += _definition.RouteToQueue(facts).Name.Length;
        }

        return length;
    }

    [Benchmark]
    public int ClassifyPriority()
    {
        var length = 0;
        foreach (var facts in _facts)
        {
            length += _definition.ClassifyPriority(facts).Name.Length;
        }

        return length;
    }

    /// <summary>The vog-np routing hard-coded: mandatory, unknown, the rest.</summary>
    [Benchmark(Baseline = true)]
    public int SwitchOnMandatoryStatus()
    {
        var length = 0;
        foreach (var facts in _facts)
        {
            length += _queueNames[facts.Mandatory switch
            {
                MandatoryStatus.Mandatory => 0,
                MandatoryStatus.Unknown => 1,
                _ => 2,
            }].Length;
        }

        return length;
    }
}
