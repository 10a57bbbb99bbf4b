using BacklogFlow.Domain.Cases;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Workflows;

public sealed class MandatoryRulesTests
{
    [Theory]
    [InlineData("childcare", null)]
    [InlineData("education", null)]
    [InlineData("taxi", null)]
    [InlineData("road-transport", null)]
    [InlineData("residential-mental-health-care", null)]
    [InlineData(null, "childminder")]
    [InlineData("general", "childcare-housemate")]
    [InlineData("made-up-sector", "childminder")]
    public void Classify_MandatorySectorOrProfile_IsMandatory(string? sector, string? profile)
    {
        VogNp.Mandatory.Classify(sector, profile).Should().Be(MandatoryStatus.Mandatory);
    }

    [Theory]
    [InlineData("general", null)]
    [InlineData("finance", "cashier")]
    [InlineData("procurement", null)]
    public void Classify_KnownNotMandatorySector_IsNotMandatory(string sector, string? profile)
    {
        VogNp.Mandatory.Classify(sector, profile).Should().Be(MandatoryStatus.NotMandatory);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "cashier")]
    [InlineData("private-security", null)]
    [InlineData("Childcare", null)]
    public void Classify_MissingOrUnknownSector_IsUnknownNeverNotMandatory(string? sector, string? profile)
    {
        VogNp.Mandatory.Classify(sector, profile).Should().Be(MandatoryStatus.Unknown);
    }
}
