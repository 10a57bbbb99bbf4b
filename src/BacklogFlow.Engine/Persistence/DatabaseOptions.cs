using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Persistence;

/// <summary>Configuration section "BacklogFlow:Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "BacklogFlow:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "Data Source=backlogflow.db";

    /// <summary>Apply pending migrations when the host starts (the embedded default does).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
