namespace BacklogFlow.Cli.Bench;

/// <summary>What every sub-benchmark gets: the settings, the sizes, scratch databases, and where to say what it is doing.</summary>
internal sealed record BenchContext(
    BenchConfiguration Configuration, BenchSizes Sizes, ScratchDatabases Scratch, TimeProvider Time, Action<string> Progress)
{
    /// <summary>A tag unique to this bench run, for queue and source-system names.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..10];
}
