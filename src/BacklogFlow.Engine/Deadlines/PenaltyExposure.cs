namespace BacklogFlow.Engine.Deadlines;

/// <summary>What deciding late costs, as of a day: the sum over every case with a running penalty (Awb 4:17).</summary>
public sealed record PenaltyExposure(DateOnly AsOf, int Cases, decimal Total, decimal Maximum);
