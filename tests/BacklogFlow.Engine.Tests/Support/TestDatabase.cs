namespace BacklogFlow.Engine.Tests.Support;

/// <summary>The database a test's engine runs on; the same tests run on each.</summary>
public enum TestDatabase
{
    Sqlite,
    PostgreSql,
}
