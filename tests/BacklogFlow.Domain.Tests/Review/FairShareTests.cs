using BacklogFlow.Domain.Review;

namespace BacklogFlow.Domain.Tests.Review;

public sealed class FairShareTests
{
    private static readonly QueueWeight Mandatory = new("vog-np-mandatory", 3);
    private static readonly QueueWeight Unknown = new("vog-np-unknown", 2);
    private static readonly QueueWeight Gva = new("gva-review", 1);

    [Fact]
    public void Next_AllQueuesHaveWork_EachServedInProportionToItsWeight()
    {
        var share = new FairShare();

        var served = Enumerable.Range(0, 600).Select(_ => share.Next([Mandatory, Unknown, Gva])).ToList();

        served.Count(q => q == Mandatory.Queue).Should().Be(300);
        served.Count(q => q == Unknown.Queue).Should().Be(200);
        served.Count(q => q == Gva.Queue).Should().Be(100);
        served.Take(6).Should().Contain(Gva.Queue, "the lightest queue is not kept waiting until the end");
    }

    [Fact]
    public void Next_QueueBackAfterHavingNoWork_DoesNotTakeABurst()
    {
        var share = new FairShare();
        for (var i = 0; i < 100; i++)
        {
            share.Next([Mandatory, Unknown]);
        }

        var afterReturn = Enumerable.Range(0, 60).Select(_ => share.Next([Mandatory, Unknown, Gva])).ToList();

        afterReturn.Take(6).Count(q => q == Gva.Queue).Should().Be(1, "gva had no work; it rejoins at its share, not with 100 claims of credit");
        afterReturn.Count(q => q == Gva.Queue).Should().Be(10);
    }

    [Fact]
    public void Next_SameSequenceOfCandidates_SameChoices()
    {
        static List<string> Run()
        {
            var share = new FairShare();
            return [.. Enumerable.Range(0, 50).Select(i => share.Next(i % 7 == 0 ? [Gva] : [Mandatory, Unknown, Gva]))];
        }

        Run().Should().Equal(Run());
    }

    [Fact]
    public void TurnsThenServed_CandidatesKnownOnlyAfterwards_SameChoicesAsNext()
    {
        // The engine's one-statement claim gets the turns of every running queue, learns in the
        // database which of them are candidates (head in the best class), serves the first of those
        // in turn order, and counts it served among all running queues.
        QueueWeight[] running = [Mandatory, Unknown, Gva, new("vog-rp-review", 4)];
        var random = new Random(6);
        var sequence = Enumerable.Range(0, 2_000)
            .Select(_ => running.Where(_ => random.Next(3) > 0).ToArray())
            .Where(candidates => candidates.Length > 0)
            .ToList();
        var byNext = new FairShare();
        var byTurns = new FairShare();

        var chosenByNext = sequence.Select(candidates => byNext.Next(candidates)).ToList();
        var chosenByTurns = sequence.Select(candidates =>
        {
            var chosen = byTurns.Turns(running).First(queue => candidates.Any(c => c.Queue == queue));
            byTurns.Served(chosen, running);
            return chosen;
        }).ToList();

        chosenByTurns.Should().Equal(chosenByNext);
    }

    [Fact]
    public void Served_QueueNotInTheRunning_Refused()
    {
        var served = () => new FairShare().Served(Gva.Queue, [Mandatory, Unknown]);

        served.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Next_NoCandidates_Refused()
    {
        var next = () => new FairShare().Next([]);

        next.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void TakeBack_CountedFromOneQueueButServedFromAnother_SameChoicesAsCountingTheRightOne()
    {
        // The engine counts a claim when it begins, from the queue it expects; when the claim took
        // from another, the count is taken back and the right queue counted: the choices after are
        // those of counting the right queue in the first place (the last served pass put back too).
        QueueWeight[] running = [Mandatory, Unknown, Gva];
        var mistaken = new FairShare();
        var right = new FairShare();
        mistaken.Served(Mandatory.Queue, running);
        right.Served(Mandatory.Queue, running);

        var count = mistaken.Served(Mandatory.Queue, running);
        mistaken.TakeBack(count);
        mistaken.Served(Gva.Queue, running);
        right.Served(Gva.Queue, running);

        Enumerable.Range(0, 30).Select(_ => mistaken.Next(running)).Should().Equal(Enumerable.Range(0, 30).Select(_ => right.Next(running)));
    }
}
