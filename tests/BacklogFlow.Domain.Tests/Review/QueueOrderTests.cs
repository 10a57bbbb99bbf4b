using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Screening;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Review;

public sealed class QueueOrderTests
{
    private static readonly TimeSpan _cet = TimeSpan.FromHours(1);

    [Fact]
    public void InQueueOrder_Tasks_AreOrderedByRankThenDueDateThenReceipt()
    {
        // Record cases on vog-np are due 8 weeks after the receipt date.
        var regularEarly = Task(new DateTimeOffset(2021, 11, 1, 9, 0, 0, _cet), "regular");
        var mandatoryLate = Task(new DateTimeOffset(2021, 11, 10, 9, 0, 0, _cet), "mandatory");
        var mandatoryEarlyAfternoon = Task(new DateTimeOffset(2021, 11, 2, 15, 0, 0, _cet), "mandatory");
        var mandatoryEarlyMorning = Task(new DateTimeOffset(2021, 11, 2, 8, 0, 0, _cet), "mandatory");
        var atRisk = Task(new DateTimeOffset(2021, 11, 20, 9, 0, 0, _cet), "at-risk");
        ReviewTask[] tasks = [regularEarly, mandatoryLate, mandatoryEarlyAfternoon, atRisk, mandatoryEarlyMorning];
        ReviewTask[] expected = [atRisk, mandatoryEarlyMorning, mandatoryEarlyAfternoon, mandatoryLate, regularEarly];

        tasks.InQueueOrder(Catalog.DeclaredRanking).Should().Equal(expected);
        tasks.AsQueryable().InQueueOrder(Catalog.DeclaredRanking).Should().Equal(expected);
    }

    [Fact]
    public void InQueueOrder_ClassesReordered_FollowsTheNewOrderWithoutChangingAnyTask()
    {
        var mandatory = Task(new DateTimeOffset(2021, 11, 2, 9, 0, 0, _cet), "mandatory");
        var regular = Task(new DateTimeOffset(2021, 11, 1, 9, 0, 0, _cet), "regular");
        var atRisk = Task(new DateTimeOffset(2021, 11, 3, 9, 0, 0, _cet), "at-risk");
        var regularFirst = Catalog.DeclaredRanking.Reorder(["regular", "mandatory", "at-risk"]);
        ReviewTask[] tasks = [mandatory, regular, atRisk];

        tasks.InQueueOrder(regularFirst).Should().Equal(regular, mandatory, atRisk);
        tasks.AsQueryable().InQueueOrder(regularFirst).Should().Equal(regular, mandatory, atRisk);
        tasks.InQueueOrder(Catalog.DeclaredRanking).Should().Equal(atRisk, mandatory, regular);
    }

    [Fact]
    public void InQueueOrder_SameRankAndDay_OlderReceiptFirst()
    {
        var later = Task(new DateTimeOffset(2021, 11, 2, 23, 0, 0, _cet), "regular");
        var earlier = Task(new DateTimeOffset(2021, 11, 2, 1, 0, 0, _cet), "regular");

        later.DueDate.Should().Be(earlier.DueDate);
        new[] { later, earlier }.InQueueOrder(Catalog.DeclaredRanking).Should().Equal(earlier, later);
    }

    private static ReviewTask Task(DateTimeOffset receivedAt, string priorityClass)
    {
        var applicationCase = Received(receivedAt);
        applicationCase.RecordScreening(ScreeningResult.Record, applicationCase.ReceivedAt, VogNp, Catalog.Calendar);
        var queue = VogNp.RouteToQueue(applicationCase.Facts);
        var reviewClass = VogNp.FindPriorityClass(priorityClass)!;
        applicationCase.SendToReview(queue, reviewClass);
        return ReviewTask.For(applicationCase, queue, reviewClass);
    }
}
