namespace BacklogFlow.Domain.Workflows;

/// <summary>A file under workflows/ (definition, calendar, planner scenario) is broken: says which file, where, and what is wrong.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    public WorkflowDefinitionException(string file, long line, long column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }
    public long Line { get; }
    public long Column { get; }
    public string Problem { get; }
}
