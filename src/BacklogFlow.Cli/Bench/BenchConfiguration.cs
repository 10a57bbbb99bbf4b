using BacklogFlow.Engine.Deadlines;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using Microsoft.Extensions.Configuration;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// The settings the benchmarks run against: the same sources the engine host reads (appsettings.json
/// beside the binary, BacklogFlow__... environment variables, then the command's overrides), so the
/// bench finds PostgreSQL and RabbitMQ exactly where `surge` and `worker` would.
/// </summary>
internal sealed class BenchConfiguration
{
    private BenchConfiguration(IReadOnlyDictionary<string, string?> overrides, IConfiguration configuration)
    {
        Overrides = overrides;
        Database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        Messaging = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        Intake = configuration.GetSection(IntakeOptions.Section).Get<IntakeOptions>() ?? new IntakeOptions();
        DeadlineSweep = configuration.GetSection(DeadlineSweepOptions.Section).Get<DeadlineSweepOptions>() ?? new DeadlineSweepOptions();
    }

    /// <summary>What the command line said; passed on to every engine host the bench builds.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; }

    public DatabaseOptions Database { get; }

    public MessagingOptions Messaging { get; }

    public RabbitMqOptions RabbitMq => Messaging.RabbitMq;

    public IntakeOptions Intake { get; }

    public DeadlineSweepOptions DeadlineSweep { get; }

    public static BenchConfiguration Load(IReadOnlyDictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        return new BenchConfiguration(overrides, configuration);
    }

    /// <summary>These settings with more overrides on top (a scratch database, a bench queue...).</summary>
    public Dictionary<string, string?> With(IEnumerable<KeyValuePair<string, string?>> more)
    {
        var merged = new Dictionary<string, string?>(Overrides);
        foreach (var (key, value) in more)
        {
            merged[key] = value;
        }

        return merged;
    }
}
