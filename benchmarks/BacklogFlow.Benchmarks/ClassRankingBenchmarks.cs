using BacklogFlow.Domain.Review;
using BenchmarkDotNet.Attributes;

namespace BacklogFlow.Benchmarks;

/// <summary><see cref="ClassRanking.RankOf"/> for every class of the definitions, against a bare linear search of the order.</summary>
[MemoryDiagnoser]
public class ClassRankingBenchmarks
{
    private ClassRanking _ranking = null!;
    private string[] _order = [];

    [GlobalSetup]
    public void Setup()
    {
        _ranking = DomainFixtures.Catalog.DeclaredRanking;
        _order = [.. _ranking.Order];
    }

    [Benchmark]
    public int RankOf()
    {
        var sum = 0;
        foreach (var name in _order)
        {
            sum += _ranking.RankOf(name);
        }

        return sum;
    }

    [Benchmark(Baseline = true)]
    public int IndexOfInTheOrder()
    {
        var sum = 0;
        foreach (var name in _order)
        {
            sum += Array.IndexOf(_order, name);
        }

        return sum;
    }
}
