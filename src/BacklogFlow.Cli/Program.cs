using System.CommandLine;
using BacklogFlow.Cli.Commands;

return await BacklogFlowCommandLine.InvokeAsync(args, new InvocationConfiguration { EnableDefaultExceptionHandler = false });
