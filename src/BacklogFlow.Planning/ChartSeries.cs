namespace BacklogFlow.Planning;

/// <summary>One series of a <see cref="BurnDownSvg"/>: a value per day, drawn as bars or a line, with its CSS class and colour.</summary>
public sealed record ChartSeries(string Name, string CssClass, string Color, IReadOnlyList<int> Values);
