using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;

namespace BacklogFlow.Planning;

/// <summary>
/// The engine's claim, in memory: each day the deadline sweeper's escalation (<see cref="DeadlineRisk"/>
/// and the definition's warnings) moves tasks near their due date up to the class the warning names;
/// a reviewer's next task comes from the best priority class present among the queues' first tasks,
/// between the queues whose first task is in that class by <see cref="FairShare"/>, and within the
/// queue in <see cref="QueueOrder"/> (<see cref="QueuePosition"/>).
/// </summary>
internal sealed class DefinitionsOrder : IReviewOrder
{
    private readonly TaskBook _tasks;
    private readonly ClassRanking _ranking;
    private readonly IReadOnlyList<QueueWeight> _weights;
    private readonly Dictionary<string, int> _queueIndex;
    private readonly PriorityQueue<int, QueuePosition>[] _queues;
    private readonly PriorityQueue<int, int> _watch = new();
    private readonly int[] _rank;
    private readonly bool[] _taken;
    private readonly FairShare _fairShare = new();
    private readonly List<QueueWeight> _candidates = [];

    public DefinitionsOrder(TaskBook tasks, ClassRanking ranking, IReadOnlyList<QueueWeight> weights)
    {
        _tasks = tasks;
        _ranking = ranking;
        _weights = weights;
        _queueIndex = weights.Select((w, i) => (w.Queue, i)).ToDictionary(p => p.Queue, p => p.i, StringComparer.Ordinal);
        _queues = [.. weights.Select(_ => new PriorityQueue<int, QueuePosition>())];
        _rank = [.. tasks.IntakeClassRank];
        _taken = new bool[tasks.Count];
    }

    public void Add(int task)
    {
        var clock = _tasks.Clock[task];
        _queues[_tasks.Queue[task]].Enqueue(task, Position(task));
        var escalating = clock.Definition.DeadlineWarnings.Where(w => w.EscalateTo is not null).Select(w => w.DaysLeft).DefaultIfEmpty(-1).Max();
        if (escalating >= 0)
        {
            _watch.Enqueue(task, clock.DueDate.DayNumber - escalating);
        }
    }

    public void StartDay(DateOnly today)
    {
        while (_watch.TryPeek(out var task, out var from) && from <= today.DayNumber)
        {
            _watch.Dequeue();
            if (_taken[task])
            {
                continue;
            }

            var clock = _tasks.Clock[task];
            var definition = clock.Definition;
            var risk = DeadlineRisk.Assess(clock.DueDate, clock.LegalDeadline, today, definition.DeadlineWarnings);
            if (risk.Warning?.EscalateTo is { } target && definition.FindPriorityClass(target) is { } escalated)
            {
                var rank = _ranking.RankOf(escalated.Name);
                if (rank < _rank[task])
                {
                    _rank[task] = rank;
                    _queues[_tasks.Queue[task]].Enqueue(task, Position(task));
                }
            }
        }
    }

    public bool TryTake(out int task)
    {
        var best = int.MaxValue;
        _candidates.Clear();
        for (var q = 0; q < _queues.Length; q++)
        {
            if (Head(q) is not { } head)
            {
                continue;
            }

            if (head.ClassRank < best)
            {
                best = head.ClassRank;
                _candidates.Clear();
            }

            if (head.ClassRank == best)
            {
                _candidates.Add(_weights[q]);
            }
        }

        if (_candidates.Count == 0)
        {
            task = -1;
            return false;
        }

        var chosen = _queueIndex[_fairShare.Next(_candidates)];
        task = _queues[chosen].Dequeue();
        _taken[task] = true;
        return true;
    }

    /// <summary>The queue's first open task's position, dropping entries left behind by an escalation.</summary>
    private QueuePosition? Head(int queue)
    {
        var open = _queues[queue];
        while (open.TryPeek(out var task, out var position))
        {
            if (!_taken[task] && position.ClassRank == _rank[task])
            {
                return position;
            }

            open.Dequeue();
        }

        return null;
    }

    private QueuePosition Position(int task) => new(_rank[task], _tasks.Clock[task].DueDate, _tasks.ReceivedAt[task]);
}
