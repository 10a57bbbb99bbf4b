using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Planning;

/// <summary>
/// The review tasks of a prepared scenario, the same for every policy and reviewer count: one entry
/// per case that goes to review, with the day its task is created and what the queue order needs.
/// </summary>
internal sealed class TaskBook
{
    public List<int> Case { get; } = [];
    public List<int> CreatedDay { get; } = [];
    public List<int> Queue { get; } = [];
    public List<int> IntakeClassRank { get; } = [];
    public List<ClockTemplate> Clock { get; } = [];
    public List<DateTimeOffset> ReceivedAt { get; } = [];
    public List<MandatoryStatus> Mandatory { get; } = [];

    public int Count => Case.Count;

    public int Add(int caseIndex, int createdDay, int queue, int classRank, ClockTemplate clock, DateTimeOffset receivedAt, MandatoryStatus mandatory)
    {
        Case.Add(caseIndex);
        CreatedDay.Add(createdDay);
        Queue.Add(queue);
        IntakeClassRank.Add(classRank);
        Clock.Add(clock);
        ReceivedAt.Add(receivedAt);
        Mandatory.Add(mandatory);
        return Case.Count - 1;
    }
}
