using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Workflows;

public sealed class WorkflowDefinitionTests
{
    [Theory]
    [InlineData(MandatoryStatus.Mandatory, "vog-np-mandatory")]
    [InlineData(MandatoryStatus.Unknown, "vog-np-unknown")]
    [InlineData(MandatoryStatus.NotMandatory, "vog-np-regular")]
    public void RouteToQueue_VogNpByMandatoryStatus_PicksTheQueue(MandatoryStatus mandatory, string queue)
    {
        VogNp.RouteToQueue(Facts(mandatory, screening: ScreeningResult.Record)).Name.Should().Be(queue);
    }

    [Fact]
    public void RouteToQueue_OtherProducts_UseTheirSingleQueue()
    {
        var facts = Facts(MandatoryStatus.Mandatory, "childcare", screening: ScreeningResult.Record);

        Catalog.Get("vog-rp").RouteToQueue(facts).Name.Should().Be("vog-rp-review");
        Catalog.Get("gva").RouteToQueue(facts).Name.Should().Be("gva-review");
    }

    [Theory]
    [InlineData(MandatoryStatus.Mandatory, "mandatory", 1)]
    [InlineData(MandatoryStatus.Unknown, "mandatory", 1)]
    [InlineData(MandatoryStatus.NotMandatory, "regular", 2)]
    public void ClassifyPriority_VogNp_NeverAssignsTheEscalationOnlyClass(MandatoryStatus mandatory, string name, int rank)
    {
        var priorityClass = VogNp.ClassifyPriority(Facts(mandatory));

        priorityClass.Name.Should().Be(name);
        priorityClass.Rank.Should().Be(rank);
        priorityClass.EscalationOnly.Should().BeFalse();
    }

    [Fact]
    public void ClassifyPriority_EscalationOnlyCatchAllFirst_IsSkipped()
    {
        var definition = VogNp with
        {
            PriorityClasses =
            [
                new PriorityClass("at-risk", 0, RuleCondition.Always) { EscalationOnly = true },
                new PriorityClass("regular", 1, RuleCondition.Always),
            ],
        };

        definition.ClassifyPriority(Facts(MandatoryStatus.Mandatory)).Name.Should().Be("regular");
    }

    [Fact]
    public void FindPriorityClass_EscalationTarget_IsFoundByName()
    {
        VogNp.FindPriorityClass("at-risk").Should().BeEquivalentTo(new { Name = "at-risk", Rank = 0, EscalationOnly = true });
        VogNp.FindPriorityClass("urgent").Should().BeNull();
    }
}
