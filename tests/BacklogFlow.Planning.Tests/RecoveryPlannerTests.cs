using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Planning.Tests;

public sealed class RecoveryPlannerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2021)]
    public void Run_EveryPolicy_AccountsForEveryCase(int seed)
    {
        var scenario = Shipped.Small();
        var planner = new RecoveryPlanner(scenario, Shipped.Catalog, seed);
        foreach (var policy in ReviewPolicy.All)
        {
            var outcome = planner.Run(policy, reviewers: 3);

            outcome.Decided.Should().Be(outcome.Cases - outcome.StillOpen, policy.Name);
            outcome.Days.Sum(d => d.Received).Should().Be(outcome.Cases, "every case of the plan arrived on one of its days");
            outcome.Days[^1].Open.Should().Be(outcome.OpenAtEnd, "the day-by-day account ends where the case-by-case count does");
            var open = 0;
            foreach (var day in outcome.Days)
            {
                open += day.Received - day.Decided;
                day.Open.Should().Be(open);
                day.OpenForReview.Should().BeInRange(0, day.Open);
                day.OpenMandatory.Should().BeInRange(0, day.Open);
                day.DecidedByReview.Should().BeLessThanOrEqualTo(day.ReviewCapacity, "reviewers decide no more than they can");
            }
        }
    }

    [Fact]
    public void Run_WithAnOpenBacklog_StartsFromItAndDecidesIt()
    {
        var scenario = Shipped.Small(withOutage: false) with { Arrivals = Shipped.Small().Arrivals with { PerWorkingDay = 0 } };
        var definition = Shipped.Catalog.Get("vog-np");
        var received = BacklogFlow.Domain.Deadlines.LegalTime.Noon(scenario.Start.AddDays(-50));
        var clock = BacklogFlow.Domain.Deadlines.DeadlineLedger.Start(received)
            .Record(new BacklogFlow.Domain.Deadlines.RecordFound(received), definition.Term, Shipped.Catalog.Calendar);
        OpenCase[] backlog = [.. Enumerable.Range(0, 300).Select(_ =>
            new OpenCase("vog-np", clock, received, MandatoryStatus.Mandatory, "vog-np-mandatory", "mandatory"))];

        var outcome = new RecoveryPlanner(scenario, Shipped.Catalog, 1, backlog).Run(ReviewPolicy.Definitions, reviewers: 1);

        outcome.Cases.Should().Be(300);
        outcome.Days[0].Open.Should().BeLessThan(300).And.BeGreaterThan(0);
        outcome.StillOpen.Should().Be(0);
        outcome.MandatoryCases.Should().Be(300);
        outcome.MandatoryBreaches.Should().BeGreaterThan(0, "received 50 days before with 1 reviewer, some pass the 8-week term");
        outcome.MandatoryBreaches.Should().BeLessThan(300);
    }

    [Fact]
    public void FewestReviewers_WithCasesAlreadyPastTheirDeadline_LooksOnlyAtTheAvoidableBreaches()
    {
        var scenario = Shipped.Small(withOutage: false) with { Arrivals = Shipped.Small().Arrivals with { PerWorkingDay = 0 } };
        var definition = Shipped.Catalog.Get("vog-np");
        OpenCase Open(int daysBefore)
        {
            var received = BacklogFlow.Domain.Deadlines.LegalTime.Noon(scenario.Start.AddDays(-daysBefore));
            var clock = BacklogFlow.Domain.Deadlines.DeadlineLedger.Start(received)
                .Record(new BacklogFlow.Domain.Deadlines.RecordFound(received), definition.Term, Shipped.Catalog.Calendar);
            return new OpenCase("vog-np", clock, received, MandatoryStatus.Mandatory, "vog-np-mandatory", "mandatory");
        }

        OpenCase[] backlog = [.. Enumerable.Range(0, 20).Select(_ => Open(70)), .. Enumerable.Range(0, 200).Select(_ => Open(50))];
        var planner = new RecoveryPlanner(scenario, Shipped.Catalog, 1, backlog);

        var fewest = planner.FewestReviewersForNoMandatoryBreach(ReviewPolicy.Definitions);

        fewest.Should().NotBeNull("the 20 cases past their deadline at the start cannot be helped; the other 200 can");
        var enough = planner.Run(ReviewPolicy.Definitions, fewest!.Value);
        enough.MandatoryBreachedBeforeStart.Should().Be(20);
        enough.MandatoryBreaches.Should().Be(20);
        planner.Run(ReviewPolicy.Definitions, fewest.Value - 1).MandatoryBreaches.Should().BeGreaterThan(20);
    }

    [Fact]
    public void Definitions_FollowsTheServingOrderAndWeightsInForce()
    {
        var declared = new RecoveryPlanner(Shipped.Small(), Shipped.Catalog, 9);
        var regularFirst = new RecoveryPlanner(
            Shipped.Small(), Shipped.Catalog, 9, ranking: Shipped.Catalog.DeclaredRanking.Reorder(["at-risk", "regular", "mandatory"]));
        var unknownStarved = new RecoveryPlanner(
            Shipped.Small(), Shipped.Catalog, 9, weights: new Dictionary<string, int> { ["vog-np-unknown"] = 1, ["vog-np-mandatory"] = 50 });

        var asDeclared = declared.Run(ReviewPolicy.Definitions, 2);
        var reordered = regularFirst.Run(ReviewPolicy.Definitions, 2);
        var reweighted = unknownStarved.Run(ReviewPolicy.Definitions, 2);

        asDeclared.Days.Sum(d => d.OpenMandatory).Should().BeLessThan(
            reordered.Days.Sum(d => d.OpenMandatory), "serving regular cases first leaves mandatory ones waiting");
        asDeclared.Days.Select(d => d.OpenMandatory).Should().NotEqual(
            reweighted.Days.Select(d => d.OpenMandatory), "the weights decide which queue a reviewer's next case comes from");
        declared.Run(ReviewPolicy.Fifo, 2).Should().BeEquivalentTo(regularFirst.Run(ReviewPolicy.Fifo, 2), "fifo knows no classes");
    }

    [Fact]
    public void Run_SameSeed_GivesTheSamePlan()
    {
        var first = new RecoveryPlanner(Shipped.Small(), Shipped.Catalog, 42).Compare(ReviewPolicy.All, 3);
        var second = new RecoveryPlanner(Shipped.Small(), Shipped.Catalog, 42).Compare(ReviewPolicy.All, 3);
        var other = new RecoveryPlanner(Shipped.Small(), Shipped.Catalog, 43).Compare(ReviewPolicy.All, 3);

        second.Should().BeEquivalentTo(first, options => options.WithStrictOrdering());
        other.Select(o => o.Days.Select(d => d.Received)).Should().NotBeEquivalentTo(
            first.Select(o => o.Days.Select(d => d.Received)), "another seed draws other arrivals");
    }

    [Fact]
    public void Run_WithoutOutage_ReproducesTheSteadyState()
    {
        var small = Shipped.Small(withOutage: false);
        var scenario = small with { Days = 70, Reviewers = small.Reviewers with { Count = 5, Overtime = null } };
        var outcome = new RecoveryPlanner(scenario, Shipped.Catalog, 5).Run(ReviewPolicy.Definitions, scenario.Reviewers.Count);

        outcome.Breaches.Should().Be(0);
        outcome.PromiseCases.Should().Be(0, "without an outage nobody is promised anything");
        outcome.DecidedInTerm.Should().Be(outcome.Cases);
        var weeks = outcome.Days.Skip(7).Chunk(7).Select(w => w.Max(d => d.Open)).ToList();
        var because = "the backlog neither grows nor drains from week to week: " + string.Join(", ", weeks);
        weeks.Max().Should().BeLessThanOrEqualTo(2 * weeks.Min(), because);
        var half = weeks.Count / 2;
        (weeks.Skip(half).Average() / weeks.Take(half).Average()).Should().BeApproximately(1.0, 0.25, because);
        var received = outcome.Days.Skip(7).Sum(d => d.Received);
        var decided = outcome.Days.Skip(7).Sum(d => d.Decided);
        ((double)decided / received).Should().BeApproximately(1.0, 0.02, "as much is decided as arrives");
        outcome.PeakBacklog.Should().BeLessThan(4 * 500, "a steady backlog is a few days of arrivals at most");
    }

    [Fact]
    public void Justis2021_RecoversAfterTheOutage_AndTheSearchedReviewersGiveNoMandatoryBreach()
    {
        var scenario = Shipped.Justis2021;
        var planner = new RecoveryPlanner(scenario, Shipped.Catalog, scenario.Seed);

        planner.Cases.Should().BeInRange(300_000, 400_000, "about 350,000 applications over the plan");
        var outcome = planner.Run(ReviewPolicy.Definitions, scenario.Reviewers.Count);
        outcome.PeakDay.Should().BeAfter(new DateOnly(2021, 11, 1), "the backlog peaks once the pent-up applications arrive");
        outcome.Days.Single(d => d.Date == new DateOnly(2021, 10, 20)).Received.Should().Be(0, "nothing arrives during the outage");
        outcome.PeakBacklog.Should().BeGreaterThan(30_000);
        outcome.ClearedOn.Should().NotBeNull().And.BeAfter(outcome.PeakDay);
        outcome.PromiseCases.Should().BeGreaterThanOrEqualTo(70_000);

        var fewest = planner.FewestReviewersForNoMandatoryBreach(ReviewPolicy.Definitions);
        fewest.Should().NotBeNull().And.BeGreaterThan(0);
        planner.Run(ReviewPolicy.Definitions, fewest!.Value).MandatoryBreaches.Should().Be(0);
        planner.Run(ReviewPolicy.Definitions, fewest.Value - 1).MandatoryBreaches.Should().BeGreaterThan(0, "the search finds the fewest");
    }

    [Fact]
    public void Run_PenaltyExposure_FollowsTheBreachesThroughTheDomain()
    {
        var scenario = Shipped.Small() with { Penalty = new PenaltyAssumption(1.0, 1) };
        var planner = new RecoveryPlanner(scenario, Shipped.Catalog, 3);

        var starved = planner.Run(ReviewPolicy.Fifo, reviewers: 1);
        var staffed = planner.Run(ReviewPolicy.Fifo, reviewers: 40);

        starved.Breaches.Should().BeGreaterThan(0);
        starved.PenaltyExposure.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(starved.Breaches * 1442m, "at most €1,442 a case (Awb 4:17)");
        staffed.Breaches.Should().Be(0);
        staffed.PenaltyExposure.Should().Be(0);
    }
}
