namespace BacklogFlow.Cli.Bench;

/// <summary>One case worker taking tasks, the engine's way or a baseline's: its own connection or context.</summary>
internal interface IClaimer : IAsyncDisposable
{
    /// <summary>Opens what the claimer needs (its connection), before any claim is timed.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Claims the next open task; the queue it came from, or null when none was free.</summary>
    Task<string?> ClaimAsync(CancellationToken cancellationToken);
}
