using BacklogFlow.Domain.Deadlines;

namespace BacklogFlow.Domain.Tests.Deadlines;

public sealed class LegalDatesTests
{
    [Fact]
    public void Format_Tuesday30Nov2021_IsWrittenWithTheDayOfTheWeek()
    {
        LegalDates.Format(new DateOnly(2021, 11, 30)).Should().Be("Tue 30 Nov 2021");
        LegalDates.Format(new DateOnly(2022, 1, 3)).Should().Be("Mon 3 Jan 2022");
    }

    [Theory]
    [InlineData(1442, "€1,442")]
    [InlineData(23, "€23")]
    [InlineData(0, "€0")]
    [InlineData(12.5, "€12.5")]
    public void Money_Amount_IsWrittenInEuros(double amount, string expected)
    {
        LegalDates.Money((decimal)amount).Should().Be(expected);
    }

    [Fact]
    public void Range_SameMonth_NamesTheMonthOnce()
    {
        LegalDates.Range(new DateOnly(2021, 11, 5), new DateOnly(2021, 11, 7)).Should().Be("5–7 Nov 2021");
        LegalDates.Range(new DateOnly(2021, 12, 30), new DateOnly(2022, 1, 2)).Should().Be("30 Dec 2021–2 Jan 2022");
    }
}
