using BacklogFlow.Web.Ui;

namespace BacklogFlow.Web.Tests.Ui;

public sealed class UiTextsTests
{
    [Fact]
    public void Get_EveryKey_HasADutchAndAnEnglishText()
    {
        foreach (var key in UiTexts.Keys)
        {
            UiTexts.Get("nl", key).Should().NotBeNullOrWhiteSpace(key);
            UiTexts.Get("en", key).Should().NotBeNullOrWhiteSpace(key);
        }
    }

    [Fact]
    public void Get_UnknownKey_ShowsTheKeyInsteadOfMixingLanguages() =>
        UiTexts.Get("nl", "no-such-label").Should().Be("[no-such-label]");

    [Theory]
    [InlineData("nl", "Decided", "Besloten")]
    [InlineData("en", "unknown", "unknown (treated as mandatory)")]
    [InlineData("nl", "some-new-code", "some-new-code")]
    public void Value_Code_InWords(string language, string code, string expected) =>
        UiTexts.Value(language, code).Should().Be(expected);
}
