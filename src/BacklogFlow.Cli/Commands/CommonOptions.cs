using System.CommandLine;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Workflows;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// The options every engine command shares, and how they become configuration. They only override
/// configuration (appsettings.json, BacklogFlow__... environment variables): the same switch, no
/// other code path.
/// </summary>
internal sealed class CommonOptions
{
    public Option<string?> Database { get; } = new("--database")
    {
        Description = "Database provider: sqlite (embedded default) or postgres.",
    };

    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = "Database connection string (default: configuration, else the SQLite file backlogflow.db).",
    };

    public Option<string?> Transport { get; } = new("--transport")
    {
        Description = "Message bus: inmemory (embedded default) or rabbitmq (settings from BacklogFlow:Messaging:RabbitMq).",
    };

    public Option<string?> Workflows { get; } = new("--workflows")
    {
        Description = "Folder with the *.workflow.yaml definitions (default: the copy beside the binary).",
    };

    public CommonOptions()
    {
        Database.AcceptOnlyFromAmong("sqlite", "postgres");
        Transport.AcceptOnlyFromAmong("inmemory", "rabbitmq");
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
        command.Options.Add(ConnectionString);
        command.Options.Add(Transport);
        command.Options.Add(Workflows);
    }

    public Dictionary<string, string?> ToConfiguration(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var overrides = new Dictionary<string, string?>();
        if (result.GetValue(Database) is { } database)
        {
            overrides[$"{DatabaseOptions.Section}:Provider"] =
                (database == "postgres" ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite).ToString();
        }

        if (result.GetValue(ConnectionString) is { } connectionString)
        {
            overrides[$"{DatabaseOptions.Section}:ConnectionString"] = connectionString;
        }

        if (result.GetValue(Transport) is { } transport)
        {
            overrides[$"{MessagingOptions.Section}:Transport"] =
                (transport == "rabbitmq" ? BusTransport.RabbitMq : BusTransport.InMemory).ToString();
        }

        if (result.GetValue(Workflows) is { } workflows)
        {
            overrides[$"{WorkflowOptions.Section}:Directory"] = workflows;
        }

        return overrides;
    }
}
