using BacklogFlow.Planning;
using BenchmarkDotNet.Attributes;

namespace BacklogFlow.Benchmarks;

/// <summary>
/// The recovery planner on the shipped justis-2021 scenario (about 350,000 applications, followed
/// through to about 660,000): preparing a plan (arrivals, the automatic path, every case's clock
/// from the deadline ledger) and one run of the review stage under the engine's own policy and
/// under fifo, the simplest order, as its baseline. The issue asks for the whole scenario in 5 s.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private Scenario _scenario = null!;
    private RecoveryPlanner _planner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.LoadFile(
            Path.Combine(DomainFixtures.WorkflowsDirectory, "scenarios", "justis-2021.yaml"), DomainFixtures.Catalog);
        _planner = new RecoveryPlanner(_scenario, DomainFixtures.Catalog, _scenario.Seed);
    }

    [Benchmark]
    public int Prepare() => new RecoveryPlanner(_scenario, DomainFixtures.Catalog, _scenario.Seed).Cases;

    [Benchmark]
    public int RunDefinitions() => _planner.Run(ReviewPolicy.Definitions, _scenario.Reviewers.Count).Breaches;

    [Benchmark(Baseline = true)]
    public int RunFifo() => _planner.Run(ReviewPolicy.Fifo, _scenario.Reviewers.Count).Breaches;
}
