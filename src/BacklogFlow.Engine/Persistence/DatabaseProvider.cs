namespace BacklogFlow.Engine.Persistence;

/// <summary>The database the engine runs on. PostgreSQL joins with the production backbone.</summary>
public enum DatabaseProvider
{
    Sqlite,
}
