using System.CommandLine;
using BacklogFlow.Cli.Deadlines;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Cli.Commands;

/// <summary>
/// `backlogflow deadline`: the legal deadline, service promise, suspended days and penalty schedule of
/// one application, with every rule applied in words. It turns its options into clock events and asks
/// the domain (<see cref="DeadlineLedger"/>), which alone applies the rules and refuses what the law
/// does not allow; it needs no database or bus. Bad input gets one line on stderr and exit code 2.
/// </summary>
internal static class DeadlineCommand
{
    public static Command Create()
    {
        var options = new DeadlineOptions();
        var command = new Command(
            "deadline",
            "Compute one application's legal deadline, service promise and penalty schedule, with the rules applied "
            + "(no database or bus). Bad input: one line on stderr, exit code 2.");
        options.AddTo(command);

        command.SetAction(result =>
        {
            try
            {
                var request = options.Read(result);
                var catalog = LoadCatalog(options.WorkflowsDirectory(result));
                if (!catalog.TryGet(request.Product, out var definition))
                {
                    throw new DeadlineInputException(
                        $"unknown product '{request.Product}'; the known products are "
                        + string.Join(", ", catalog.Products.Order(StringComparer.Ordinal)));
                }

                var computation = request.ToLedger().Compute(definition.Term, catalog.Calendar, request.AsOf);
                var output = result.InvocationConfiguration.Output;
                if (result.GetValue(options.Json))
                {
                    output.WriteLine(DeadlineReport.ToJson(definition, computation));
                }
                else
                {
                    DeadlineReport.WriteText(definition, computation, output);
                }

                return 0;
            }
            catch (Exception ex) when (ex is DeadlineInputException or DeadlineLedgerException or WorkflowDefinitionException)
            {
                result.InvocationConfiguration.Error.WriteLine($"backlogflow: {ex.Message}");
                return BacklogFlowCommandLine.BadInput;
            }
        });
        return command;
    }

    private static WorkflowCatalog LoadCatalog(string directory) =>
        Directory.Exists(directory)
            ? WorkflowDefinitionLoader.LoadDirectory(directory)
            : throw new DeadlineInputException($"--workflows '{directory}' is not a directory");
}
