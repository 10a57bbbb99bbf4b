namespace BacklogFlow.Engine.Simulation;

/// <summary>
/// What a synthetic surge holds. <see cref="Applications"/> distinct applications, of which the
/// <see cref="InvalidFraction"/> are defective; on top of those, resends: exact duplicates and
/// conflicting ones, each as a fraction of <see cref="Applications"/>. Receipts fall in the
/// <see cref="ReceivedWithin"/> before <see cref="Now"/> (by default the last three days: a surge
/// the legacy system sends as it comes back; the demo backlog spreads them over weeks).
/// </summary>
public sealed record SurgeSpecification(
    int Applications,
    double DuplicateFraction,
    double InvalidFraction,
    double ConflictFraction,
    int Seed,
    string SourceSystem,
    DateTimeOffset Now,
    TimeSpan? ReceivedWithin = null)
{
    public TimeSpan ReceiptPeriod => ReceivedWithin ?? TimeSpan.FromDays(3);

    public int InvalidCount => (int)Math.Round(Applications * InvalidFraction);
    public int ValidCount => Applications - InvalidCount;
    public int DuplicateCount => ValidCount == 0 ? 0 : (int)Math.Round(Applications * DuplicateFraction);
    public int ConflictCount => ValidCount == 0 ? 0 : (int)Math.Round(Applications * ConflictFraction);
    public int MessageCount => Applications + DuplicateCount + ConflictCount;
}
