using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Workflows;

public sealed class RuleConditionTests
{
    private static HashSet<string> Codes(params string[] codes) => new(codes, StringComparer.Ordinal);

    [Fact]
    public void Matches_EmptyCondition_MatchesEverything()
    {
        RuleCondition.Always.IsCatchAll.Should().BeTrue();
        RuleCondition.Always.Matches(Facts(MandatoryStatus.Unknown)).Should().BeTrue();
        RuleCondition.Always.Matches(Facts(MandatoryStatus.Mandatory, "taxi", "childminder", "paper", ScreeningResult.Record))
            .Should().BeTrue();
    }

    [Fact]
    public void Matches_EveryGivenCriterionMatches_IsTrue()
    {
        var condition = new RuleCondition
        {
            Screening = ScreeningResult.Record,
            Mandatory = new HashSet<MandatoryStatus> { MandatoryStatus.Mandatory },
            Sectors = Codes("childcare", "taxi"),
            Profiles = Codes("childminder"),
            Channels = Codes("web"),
        };

        condition.IsCatchAll.Should().BeFalse();
        condition.Matches(Facts(MandatoryStatus.Mandatory, "taxi", "childminder", "web", ScreeningResult.Record)).Should().BeTrue();
    }

    [Theory]
    [InlineData(MandatoryStatus.NotMandatory, "taxi", "childminder", "web", ScreeningResult.Record)]
    [InlineData(MandatoryStatus.Mandatory, "finance", "childminder", "web", ScreeningResult.Record)]
    [InlineData(MandatoryStatus.Mandatory, null, "childminder", "web", ScreeningResult.Record)]
    [InlineData(MandatoryStatus.Mandatory, "taxi", null, "web", ScreeningResult.Record)]
    [InlineData(MandatoryStatus.Mandatory, "taxi", "childminder", "paper", ScreeningResult.Record)]
    [InlineData(MandatoryStatus.Mandatory, "taxi", "childminder", "web", ScreeningResult.NoRecord)]
    [InlineData(MandatoryStatus.Mandatory, "taxi", "childminder", "web", null)]
    public void Matches_OneCriterionFails_IsFalse(
        MandatoryStatus mandatory, string? sector, string? profile, string channel, ScreeningResult? screening)
    {
        var condition = new RuleCondition
        {
            Screening = ScreeningResult.Record,
            Mandatory = new HashSet<MandatoryStatus> { MandatoryStatus.Mandatory },
            Sectors = Codes("childcare", "taxi"),
            Profiles = Codes("childminder"),
            Channels = Codes("web"),
        };

        condition.Matches(Facts(mandatory, sector, profile, channel, screening)).Should().BeFalse();
    }

    [Fact]
    public void Matches_CodesCompareOrdinally_IsCaseSensitive()
    {
        var condition = new RuleCondition { Sectors = Codes("childcare") };

        condition.Matches(Facts(MandatoryStatus.Mandatory, "Childcare")).Should().BeFalse();
    }
}
