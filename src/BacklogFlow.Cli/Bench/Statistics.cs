namespace BacklogFlow.Cli.Bench;

/// <summary>Medians and percentiles of measured samples (nearest rank).</summary>
internal static class Statistics
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. NaN for no samples.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
