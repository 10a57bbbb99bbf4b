namespace BacklogFlow.Cli.Surge;

/// <summary>
/// What a synthetic surge holds. <see cref="Applications"/> distinct applications, of which the
/// <see cref="InvalidFraction"/> are defective; on top of those, resends: exact duplicates and
/// conflicting ones, each as a fraction of <see cref="Applications"/>.
/// </summary>
internal sealed record SurgeSpecification(
    int Applications,
    double DuplicateFraction,
    double InvalidFraction,
    double ConflictFraction,
    int Seed,
    string SourceSystem,
    DateTimeOffset Now)
{
    public int InvalidCount => (int)Math.Round(Applications * InvalidFraction);
    public int ValidCount => Applications - InvalidCount;
    public int DuplicateCount => ValidCount == 0 ? 0 : (int)Math.Round(Applications * DuplicateFraction);
    public int ConflictCount => ValidCount == 0 ? 0 : (int)Math.Round(Applications * ConflictFraction);
    public int MessageCount => Applications + DuplicateCount + ConflictCount;
}
