using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Intake;

/// <summary>Configuration section "BacklogFlow:Intake".</summary>
public sealed class IntakeOptions
{
    public const string Section = "BacklogFlow:Intake";

    /// <summary>The intake queue's name on the bus.</summary>
    [Required(AllowEmptyStrings = false)]
    public string QueueName { get; set; } = "backlogflow-intake";

    /// <summary>Messages the intake consumer handles at once in this process.</summary>
    [Range(1, 1024)]
    public int ConcurrentMessageLimit { get; set; } = 8;

    /// <summary>Immediate retries of a message that failed on a transient conflict (racing duplicates).</summary>
    [Range(0, 100)]
    public int ImmediateRetries { get; set; } = 5;
}
