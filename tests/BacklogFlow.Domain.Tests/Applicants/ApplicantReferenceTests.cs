using BacklogFlow.Domain.Applicants;

namespace BacklogFlow.Domain.Tests.Applicants;

public sealed class ApplicantReferenceTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("1112.22.333")]
    [InlineData("111 222 333")]
    [InlineData("111-222-333")]
    public void LooksLikeCitizenServiceNumber_ElevenTestNumber_IsDetected(string reference)
    {
        ApplicantReference.LooksLikeCitizenServiceNumber(reference).Should().BeTrue();
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("11122233")]
    [InlineData("1112223330")]
    [InlineData("ap-7f3a")]
    [InlineData("ap-111222333")]
    [InlineData("")]
    public void LooksLikeCitizenServiceNumber_OtherReference_IsNotDetected(string reference)
    {
        ApplicantReference.LooksLikeCitizenServiceNumber(reference).Should().BeFalse();
    }
}
