using BacklogFlow.Cli.Bench;

namespace BacklogFlow.Cli.Tests.Bench;

public sealed class StatisticsTests
{
    [Fact]
    public void Percentile_NearestRank_SmallestSampleWithThatShareAtOrBelow()
    {
        double[] samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

        Statistics.Median(samples).Should().Be(5);
        Statistics.Percentile(samples, 99).Should().Be(10);
        Statistics.Percentile(samples, 90).Should().Be(9);
        Statistics.Percentile(samples, 10).Should().Be(1);
    }

    [Fact]
    public void Percentile_NoSamples_NaN() => Statistics.Percentile([], 50).Should().Be(double.NaN);
}
