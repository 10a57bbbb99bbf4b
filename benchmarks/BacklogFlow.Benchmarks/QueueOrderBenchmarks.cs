using BacklogFlow.Domain.Review;
using BenchmarkDotNet.Attributes;

namespace BacklogFlow.Benchmarks;

/// <summary>
/// The one definition of queue order (<see cref="QueueOrder.InQueueOrder(IEnumerable{ReviewTask}, ClassRanking)"/>)
/// over a backlog in memory, as the planner and listings use it, against a bare array sort on the
/// same three keys.
/// </summary>
[MemoryDiagnoser]
public class QueueOrderBenchmarks
{
    private readonly ClassRanking _ranking = DomainFixtures.Catalog.DeclaredRanking;
    private ReviewTask[] _tasks = [];

    [Params(1_000, 10_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup() => _tasks = DomainFixtures.ReviewTasks(Tasks);

    [Benchmark]
    public ReviewTask First() => _tasks.InQueueOrder(_ranking).First();

    [Benchmark]
    public List<ReviewTask> InQueueOrder() => [.. _tasks.InQueueOrder(_ranking)];

    [Benchmark(Baseline = true)]
    public ReviewTask[] ArraySortOnTheSameKeys()
    {
        var keys = new (int, DateOnly, DateTimeOffset)[_tasks.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (_ranking.ServingRankOf(_tasks[i].PriorityClass), _tasks[i].DueDate, _tasks[i].ReceivedAt);
        }

        var sorted = (ReviewTask[])_tasks.Clone();
        Array.Sort(keys, sorted);
        return sorted;
    }
}
