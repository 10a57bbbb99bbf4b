namespace BacklogFlow.Engine.Persistence;

/// <summary>The database the engine runs on: SQLite embedded, PostgreSQL in production.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
