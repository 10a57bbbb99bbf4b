using System.CommandLine;
using BacklogFlow.Cli.Hosting;
using Microsoft.Extensions.Hosting;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// `backlogflow worker`: an engine process that only consumes and dispatches (intake consumer,
/// outbox dispatcher, deadline sweeper), so any number run beside the web host, competing for
/// messages. Serves /health/live, /health/ready and /metrics (BacklogFlow:Observability:Urls).
/// Runs until SIGTERM or Ctrl+C, finishing the messages in hand.
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
            await using var host = EngineHost.BuildWorker(common.ToConfiguration(result));
            // The IHost overload: WebApplication's own RunAsync takes a URL, not a token.
            await ((IHost)host).RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
