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
    public void Next_NoCandidates_Refused()
    {
        var next = () => new FairShare().Next([]);

        next.Should().Throw<ArgumentException>();
    }
}
