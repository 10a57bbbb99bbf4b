namespace BacklogFlow.Planning;

/// <summary>
/// The order in which reviewers take cases in a simulation. <see cref="Definitions"/> is the engine's
/// own claim: the serving order of priority classes (<c>ClassRanking</c>, with the sweeper's
/// escalation), weighted fair share between queues (<c>FairShare</c>) and queue order within a queue
/// (<c>QueuePosition</c>). The others are the alternatives a supervisor weighs it against.
/// </summary>
public sealed record ReviewPolicy(string Name, string Description)
{
    public static readonly ReviewPolicy Fifo = new("fifo", "first received, first reviewed");

    public static readonly ReviewPolicy MandatoryFirst = new("mandatory-first", "legally mandatory cases first, each group first received first");

    public static readonly ReviewPolicy EarliestDeadline = new("earliest-deadline", "earliest due date first (the earlier of the legal deadline and the service promise), then first received; no classes, no queues");

    public static readonly ReviewPolicy Definitions = new(
        "definitions", "the engine's claim: priority classes in serving order (with escalation), fair share between queues, queue order");

    public static IReadOnlyList<ReviewPolicy> All { get; } = [Fifo, MandatoryFirst, EarliestDeadline, Definitions];

    public static ReviewPolicy? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public override string ToString() => Name;
}
