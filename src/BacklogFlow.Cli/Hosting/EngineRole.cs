namespace BacklogFlow.Cli.Hosting;

/// <summary>What a CLI process does with the engine.</summary>
internal enum EngineRole
{
    /// <summary>Consumes intake and dispatches the outbox: an engine worker.</summary>
    Worker,

    /// <summary>Publishes and reads only; engine workers elsewhere consume (surge --external-workers, migrate).</summary>
    Publisher,
}
