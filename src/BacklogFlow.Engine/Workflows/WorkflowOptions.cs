namespace BacklogFlow.Engine.Workflows;

/// <summary>Configuration section "BacklogFlow:Workflows".</summary>
public sealed class WorkflowOptions
{
    public const string Section = "BacklogFlow:Workflows";

    /// <summary>The folder with the *.workflow.yaml files; by default the copy beside the executable.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "workflows");
}
