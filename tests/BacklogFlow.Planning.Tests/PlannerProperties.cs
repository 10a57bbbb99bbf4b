using FsCheck;
using FsCheck.Fluent;

namespace BacklogFlow.Planning.Tests;

/// <summary>
/// Properties of the planner over seeds and reviewer counts; FsCheck's checker runs inside each [Fact]
/// and throws with the shrunk counter-example when one fails. The search for the fewest reviewers
/// relies on the first.
/// </summary>
public sealed class PlannerProperties
{
    private static readonly Gen<int> _seed = Gen.Choose(1, 10_000);

    [Fact]
    public void MoreReviewers_NeverProduceMoreBreaches_ForTheSameSeedAndPolicy()
    {
        var property = Prop.ForAll(
            _seed.ToArbitrary(),
            Gen.Choose(0, 6).ToArbitrary(),
            Gen.Choose(1, 4).ToArbitrary(),
            (seed, reviewers, more) =>
            {
                var planner = new RecoveryPlanner(Shipped.Small(), Shipped.Catalog, seed);
                return ReviewPolicy.All.All(policy =>
                {
                    var fewer = planner.Run(policy, reviewers);
                    var plenty = planner.Run(policy, reviewers + more);
                    return plenty.Breaches <= fewer.Breaches && plenty.MandatoryBreaches <= fewer.MandatoryBreaches;
                });
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), property);
    }

    [Fact]
    public void MandatoryFirst_NeverHasMoreMandatoryBreachesThanFifo()
    {
        var property = Prop.ForAll(
            _seed.ToArbitrary(),
            Gen.Choose(0, 8).ToArbitrary(),
            (seed, reviewers) =>
            {
                var planner = new RecoveryPlanner(Shipped.Small(), Shipped.Catalog, seed);
                return planner.Run(ReviewPolicy.MandatoryFirst, reviewers).MandatoryBreaches
                    <= planner.Run(ReviewPolicy.Fifo, reviewers).MandatoryBreaches;
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), property);
    }

    [Fact]
    public void TheProperties_AreNotVacuous_FewReviewersBreach()
    {
        var planner = new RecoveryPlanner(Shipped.Small(), Shipped.Catalog, 11);

        planner.Run(ReviewPolicy.Fifo, 1).MandatoryBreaches.Should().BeGreaterThan(0);
        planner.Run(ReviewPolicy.MandatoryFirst, 1).MandatoryBreaches.Should().BeLessThan(planner.Run(ReviewPolicy.Fifo, 1).MandatoryBreaches);
    }
}
