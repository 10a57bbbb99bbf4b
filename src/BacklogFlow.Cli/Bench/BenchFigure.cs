namespace BacklogFlow.Cli.Bench;

/// <summary>
/// One reported number: its JSON key, what it means (the table's label), its unit, and, for measured
/// figures, the value of every round (the figure itself is their median).
/// </summary>
internal sealed record BenchFigure(string Key, string Label, double Value, string Unit, IReadOnlyList<double>? Rounds = null);
