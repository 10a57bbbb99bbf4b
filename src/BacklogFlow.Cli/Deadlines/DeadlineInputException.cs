namespace BacklogFlow.Cli.Deadlines;

/// <summary>An option of `backlogflow deadline` cannot be read; the message says which and why, in one line.</summary>
internal sealed class DeadlineInputException(string message) : Exception(message);
