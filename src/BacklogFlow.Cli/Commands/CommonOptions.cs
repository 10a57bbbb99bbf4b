using System.CommandLine;
using BacklogFlow.Engine.Persistence;

namespace BacklogFlow.Cli.Commands;

/// <summary>Options that several commands share, and how they become configuration.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--database")
    {
        Description = "Database connection string (default: configuration, else the SQLite file backlogflow.db).",
    };

    public static Option<string?> Workflows() => new("--workflows")
    {
        Description = "Folder with the *.workflow.yaml definitions (default: the copy beside the binary).",
    };

    public static Dictionary<string, string?> ToConfiguration(string? database, string? workflows)
    {
        var overrides = new Dictionary<string, string?>();
        if (database is not null)
        {
            overrides[$"{DatabaseOptions.Section}:ConnectionString"] = database;
        }

        if (workflows is not null)
        {
            overrides["BacklogFlow:Workflows:Directory"] = workflows;
        }

        return overrides;
    }
}
