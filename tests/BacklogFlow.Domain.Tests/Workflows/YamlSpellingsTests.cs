using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Tests.Workflows;

public sealed class YamlSpellingsTests
{
    [Fact]
    public void Of_EveryEnumMember_HasASpellingThatParsesBack()
    {
        foreach (var value in Enum.GetValues<ScreeningResult>())
        {
            YamlSpellings.TryParse(YamlSpellings.Of(value), out ScreeningResult parsed).Should().BeTrue();
            parsed.Should().Be(value);
        }

        foreach (var value in Enum.GetValues<DecisionOutcome>())
        {
            YamlSpellings.TryParse(YamlSpellings.Of(value), out DecisionOutcome parsed).Should().BeTrue();
            parsed.Should().Be(value);
        }

        foreach (var value in Enum.GetValues<MandatoryStatus>())
        {
            YamlSpellings.TryParse(YamlSpellings.Of(value), out MandatoryStatus parsed).Should().BeTrue();
            parsed.Should().Be(value);
        }
    }

    [Fact]
    public void Spellings_AreTheDocumentedOnes()
    {
        YamlSpellings.ScreeningResults.Should().Equal("no-record", "record");
        YamlSpellings.Outcomes.Should().Equal("issue", "refuse", "withdrawn");
        YamlSpellings.MandatoryStatuses.Should().Equal("mandatory", "not-mandatory", "unknown");
    }

    [Theory]
    [InlineData("NoRecord")]
    [InlineData("No-Record")]
    [InlineData("")]
    public void TryParse_OtherSpelling_IsFalse(string spelling)
    {
        YamlSpellings.TryParse(spelling, out ScreeningResult _).Should().BeFalse();
    }
}
