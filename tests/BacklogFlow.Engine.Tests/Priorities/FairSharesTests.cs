using BacklogFlow.Domain.Review;
using BacklogFlow.Engine.Priorities;

namespace BacklogFlow.Engine.Tests.Priorities;

public sealed class FairSharesTests
{
    private const string MandatoryClass = "mandatory";
    private static readonly QueueWeight Mandatory = new("vog-np-mandatory", 3);
    private static readonly QueueWeight Unknown = new("vog-np-unknown", 2);
    private static readonly QueueWeight Regular = new("vog-np-regular", 1);
    private static readonly QueueWeight[] Running = [Mandatory, Unknown, Regular];

    /// <summary>One claim back from each of the two queues whose heads are in the mandatory class.</summary>
    private static FairShares AfterOneClaimFromEach()
    {
        var shares = new FairShares();
        shares.EndClaim(shares.BeginClaim(Running), Mandatory.Queue, MandatoryClass, Running);
        shares.EndClaim(shares.BeginClaim(Running), Unknown.Queue, MandatoryClass, Running);
        return shares;
    }

    [Fact]
    public void BeginClaim_ClaimsStillInFlight_ConcurrentClaimersStartAtQueuesInTheWeightsProportion()
    {
        var shares = AfterOneClaimFromEach();

        var started = Enumerable.Range(0, 50).Select(_ => shares.BeginClaim(Running)).ToList();

        // Counted only when back, all fifty would take from the same queue (0.563 : 0.437 against
        // 0.6 : 0.4 with 16 claimers in bench fairness); counted when they begin, they take turns at
        // 3 : 2. None is expected from the regular queue: its head is in a later class.
        started.Count(t => t.Expected == Mandatory.Queue).Should().BeInRange(29, 31);
        started.Count(t => t.Expected == Unknown.Queue).Should().BeInRange(19, 21);
        started.Take(5).Select(t => t.Expected).Distinct().Should().HaveCount(2, "the second queue's turn comes within the first five");
    }

    [Fact]
    public void EndClaim_ClaimsBackWithNothing_QueuesWithWorkInTheOrderBeforeTheyBegan()
    {
        var shares = AfterOneClaimFromEach();
        var before = shares.BeginClaim(Running);
        shares.EndClaim(before, null, null, Running);

        var begun = Enumerable.Range(0, 3).Select(_ => shares.BeginClaim(Running)).ToList();
        foreach (var turns in begun)
        {
            shares.EndClaim(turns, null, null, Running);
        }

        // Only the order of the queues with work is kept: counting lifts queues that had none to
        // the last served pass (they bank no credit), and a lift is not taken back.
        shares.BeginClaim(Running).Order.Where(q => q != Regular.Queue).Should().Equal(
            before.Order.Where(q => q != Regular.Queue), "claims that took nothing count for nothing once back");
    }

    [Fact]
    public void EndClaim_ClaimWalkedPastTheExpectedQueueInItsClass_NotExpectedFromItAgain()
    {
        var shares = AfterOneClaimFromEach();
        var turns = shares.BeginClaim(Running);
        turns.Expected.Should().Be(Mandatory.Queue);

        // The claim passed vog-np-mandatory by (no free mandatory task there now) and took from vog-np-unknown.
        shares.EndClaim(turns, Unknown.Queue, MandatoryClass, Running);
        var next = shares.BeginClaim(Running);

        next.Order.Should().ContainInOrder([Mandatory.Queue, Unknown.Queue], "vog-np-mandatory's turn is still before vog-np-unknown's");
        next.Expected.Should().Be(Unknown.Queue, "the claim is now expected where the class was found");
    }

    [Fact]
    public void BeginClaim_NothingClaimedYet_NothingCountedInFlight()
    {
        var shares = new FairShares();

        var first = shares.BeginClaim(Running);
        var second = shares.BeginClaim(Running);

        first.Expected.Should().BeNull("no claim has shown which queues hold the class served");
        second.Order.Should().Equal(first.Order);
    }
}
