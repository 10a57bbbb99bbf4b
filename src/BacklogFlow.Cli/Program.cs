using System.CommandLine;
using BacklogFlow.Cli.Commands;
using BacklogFlow.Domain.Workflows;
using Microsoft.Extensions.Options;

var root = new RootCommand("BacklogFlow: works off a post-outage backlog of applications fairly and on time.")
{
    SurgeCommand.Create(),
    DeadlineCommand.Create(),
    PlanCommand.Create(),
    MigrateCommand.Create(),
    WorkerCommand.Create(),
    QuarantineCommand.Create(),
    BenchCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is WorkflowDefinitionException or OptionsValidationException)
{
    // Configuration mistakes get one clear line, not a stack trace.
    await Console.Error.WriteLineAsync($"backlogflow: {ex.Message}");
    return 2;
}
