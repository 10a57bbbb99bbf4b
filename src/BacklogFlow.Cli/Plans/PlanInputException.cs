namespace BacklogFlow.Cli.Plans;

/// <summary>An option of `backlogflow plan` cannot be used; the message says which and why.</summary>
internal sealed class PlanInputException(string message) : Exception(message);
