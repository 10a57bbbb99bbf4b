namespace BacklogFlow.Engine.Tests.Support;

/// <summary>
/// Tests that read what the engine left on a pooled connection (a statement it prepared) run alone,
/// after the parallel ones: other tests clear every connection pool in the process when they drop
/// their databases (<c>PostgreSqlTestDatabases.DropAsync</c>), and a cleared pool hands out a new
/// connection without it. ClaimPlanTests failed that way once in CI (24 Nov).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PooledConnectionCollection
{
    public const string Name = "reads the engine's pooled connection";
}
