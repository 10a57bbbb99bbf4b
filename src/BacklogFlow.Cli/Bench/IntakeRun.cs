namespace BacklogFlow.Cli.Bench;

/// <summary>One contender's intake run: messages sent, how many were taken in (consumed, persisted or accounted), and the time from the first publish until the last was.</summary>
internal sealed record IntakeRun(int Sent, int TakenIn, TimeSpan Elapsed, bool TimedOut)
{
    /// <summary>A surge through the engine: every message sent, those accounted for, its time.</summary>
    public static IntakeRun Of(Surge.SurgeResult result) =>
        new(result.Specification.MessageCount, result.Account.MessagesAccountedFor, result.Elapsed, result.TimedOut);

    public double MessagesPerSecond => Elapsed > TimeSpan.Zero ? TakenIn / Elapsed.TotalSeconds : double.NaN;
}
