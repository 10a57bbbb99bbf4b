using System.CommandLine;
using BacklogFlow.Cli.Hosting;
using Microsoft.Extensions.Hosting;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// `backlogflow worker`: an engine process that only consumes and dispatches (intake consumer,
/// outbox dispatcher), so any number run beside the web host, competing for messages. Runs until
/// SIGTERM or Ctrl+C, finishing the messages in hand.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("worker", "Run an engine worker: consume applications until stopped.");
        common.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = EngineHost.Build(common.ToConfiguration(result), EngineRole.Worker, logLevel: Microsoft.Extensions.Logging.LogLevel.Information);
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
