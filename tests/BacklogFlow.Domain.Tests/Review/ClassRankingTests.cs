using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Domain.Tests.TestSupport;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Review;

public sealed class ClassRankingTests
{
    [Fact]
    public void Declared_ShippedDefinitions_TheirOrder()
    {
        Catalog.DeclaredRanking.Order.Should().Equal("at-risk", "mandatory", "regular");
        Catalog.DeclaredRanking.RankOf("mandatory").Should().Be(1);
    }

    [Fact]
    public void Declared_DefinitionsWithDifferentClasses_MergedByLowestPositionThenName()
    {
        var one = WorkflowDefinitionLoader.LoadText(SampleDefinitions.Minimal("p-one", "q-one").Replace("- name: regular", "- name: urgent\n    when: { mandatory: [mandatory] }\n  - name: regular", StringComparison.Ordinal), "p-one.workflow.yaml");
        var two = WorkflowDefinitionLoader.LoadText(SampleDefinitions.Minimal("p-two", "q-two").Replace("- name: regular", "- name: express\n    when: { mandatory: [mandatory] }\n  - name: regular", StringComparison.Ordinal), "p-two.workflow.yaml");

        var ranking = ClassRanking.Declared([two, one]);

        ranking.Order.Should().Equal("express", "urgent", "regular");
    }

    [Fact]
    public void Reorder_SameClasses_NewRanks()
    {
        var reordered = Catalog.DeclaredRanking.Reorder(["regular", "at-risk", "mandatory"]);

        reordered.RankOf("regular").Should().Be(0);
        reordered.ChangedIn(Catalog.DeclaredRanking).Should().Equal("regular", "at-risk", "mandatory");
        Catalog.DeclaredRanking.Reorder(["at-risk", "regular", "mandatory"]).ChangedIn(Catalog.DeclaredRanking).Should().Equal("regular", "mandatory");
    }

    [Theory]
    [InlineData(new[] { "regular", "mandatory" }, "*missing: at-risk*")]
    [InlineData(new[] { "regular", "mandatory", "at-risk", "vip" }, "*unknown: vip*")]
    [InlineData(new[] { "regular", "regular", "at-risk" }, "*'regular' is named twice*")]
    public void Reorder_DropsInventsOrRepeatsAClass_RefusedWithTheReason(string[] order, string message)
    {
        var reorder = () => Catalog.DeclaredRanking.Reorder(order);

        reorder.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void EscalatedTo_ClassServedLaterInTheOrderInForce_NotMoved()
    {
        var task = ReviewTaskOf("general");
        var atRiskLast = Catalog.DeclaredRanking.Reorder(["mandatory", "regular", "at-risk"]);

        ReviewTask.EscalatedTo("at-risk", atRiskLast).Compile()(task).Should().BeFalse("at-risk is served after regular in this order");
        ReviewTask.EscalatedTo("at-risk", Catalog.DeclaredRanking).Compile()(task).Should().BeTrue();
        ReviewTask.EscalatedTo(task.PriorityClass, Catalog.DeclaredRanking).Compile()(task).Should().BeFalse("its own class is no escalation");
    }

    [Fact]
    public void TaskRank_EveryClassAndOneTheRankingDoesNotName_SameAsServingRankOf()
    {
        var ranking = Catalog.DeclaredRanking.Reorder(["regular", "at-risk", "mandatory"]);
        var rank = ranking.TaskRank.Compile();

        foreach (var (sector, expected) in new[] { ("general", 0), ("childcare", 2) })
        {
            rank(ReviewTaskOf(sector)).Should().Be(expected);
        }

        ranking.ServingRankOf("dropped-since").Should().Be(3, "a class the definitions no longer declare is served after every ranked one");
        ranking.ServingRankOf("mandatory").Should().Be(2);
    }

    private static ReviewTask ReviewTaskOf(string sector)
    {
        var applicationCase = Received(new DateTimeOffset(2021, 11, 2, 9, 0, 0, TimeSpan.Zero), sector);
        applicationCase.RecordScreening(BacklogFlow.Domain.Screening.ScreeningResult.Record, applicationCase.ReceivedAt, VogNp, Catalog.Calendar);
        var queue = VogNp.RouteToQueue(applicationCase.Facts);
        var priorityClass = VogNp.ClassifyPriority(applicationCase.Facts);
        applicationCase.SendToReview(queue, priorityClass);
        return ReviewTask.For(applicationCase, queue, priorityClass);
    }
}
