using System.CommandLine;
using BacklogFlow.Cli.Hosting;
using BacklogFlow.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Cli.Commands;

/// <summary>`backlogflow migrate`: brings the database schema up to date and exits.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("migrate", "Apply the database migrations and exit.");
        common.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = common.ToConfiguration(result);
            overrides[$"{DatabaseOptions.Section}:MigrateOnStartup"] = "false";
            using var host = EngineHost.Build(overrides, EngineRole.Publisher);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            await result.InvocationConfiguration.Output.WriteLineAsync("Database is up to date.");
            return 0;
        });
        return command;
    }
}
