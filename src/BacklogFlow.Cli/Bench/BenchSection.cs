namespace BacklogFlow.Cli.Bench;

/// <summary>
/// What one sub-benchmark reports: its figures and ratios, or why it was skipped, and notes that
/// say how to read the figures (what ran in-process, what a baseline leaves out).
/// </summary>
internal sealed class BenchSection(string name)
{
    private readonly List<BenchFigure> _figures = [];
    private readonly List<string> _notes = [];

    public string Name { get; } = name;

    /// <summary>Why the benchmark could not run; null when it ran.</summary>
    public string? SkippedBecause { get; private set; }

    public IReadOnlyList<BenchFigure> Figures => _figures;

    public IReadOnlyList<string> Notes => _notes;

    public static BenchSection Skipped(string name, string reason) => new(name) { SkippedBecause = reason };

    /// <summary>A figure measured once per round: reported as the median, with every round's value.</summary>
    public double Measured(string key, string label, string unit, IReadOnlyList<double> rounds)
    {
        var median = Statistics.Median(rounds);
        _figures.Add(new BenchFigure(key, label, median, unit, [.. rounds]));
        return median;
    }

    /// <summary>A count, setting or ratio derived from the measured figures.</summary>
    public double Add(string key, string label, double value, string unit)
    {
        _figures.Add(new BenchFigure(key, label, value, unit));
        return value;
    }

    /// <summary>numerator / denominator, NaN (null in JSON) when the denominator is zero.</summary>
    public double Ratio(string key, string label, double numerator, double denominator) =>
        Add(key, label, denominator == 0 ? double.NaN : numerator / denominator, "ratio");

    public void Note(string note) => _notes.Add(note);
}
