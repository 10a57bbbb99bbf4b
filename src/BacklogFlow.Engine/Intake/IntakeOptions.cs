using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace BacklogFlow.Engine.Intake;

/// <summary>Configuration section "BacklogFlow:Intake".</summary>
public sealed class IntakeOptions : IValidatableObject
{
    public const string Section = "BacklogFlow:Intake";

    /// <summary>The intake queue's name on the bus.</summary>
    [Required(AllowEmptyStrings = false)]
    public string QueueName { get; set; } = "backlogflow-intake";

    /// <summary>
    /// Messages the intake consumer handles at once in this process: the messages waiting for their
    /// batch's commit count too, so this bounds the batch (see <see cref="BatchSize"/>).
    /// </summary>
    [Range(1, 4096)]
    public int ConcurrentMessageLimit { get; set; } = 128;

    /// <summary>The most messages one intake transaction takes in (group commit; see IntakeBatcher).</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 128;

    /// <summary>Intake transactions at once on PostgreSQL (SQLite always one: it has one writer).</summary>
    [Range(1, 64)]
    public int BatchWriters { get; set; } = 2;

    /// <summary>
    /// The admission limit: messages per second the intake consumer of this process takes from the
    /// bus, whatever channel they came by (web, app, paper, municipality all arrive on the one intake
    /// queue, so one limit throttles them alike — the 2023 DigiD lesson). What is not admitted yet
    /// waits in the queue, durable. Shown at startup and on /health/ready. The default sits above
    /// what one process takes in on the reference 2-core machine (about 8,000 a second embedded,
    /// 3,600 on PostgreSQL, 24 Nov), so that a default install is held by its own capacity and an
    /// operator lowers it to what the services behind intake can bear; 5,000 held the embedded
    /// surge to 14 s where the engine does it in 9.
    /// </summary>
    [Range(1, 1_000_000)]
    public int AdmissionPerSecond { get; set; } = 10_000;

    /// <summary>Immediate retries of a message that failed on a transient conflict (racing duplicates).</summary>
    [Range(0, 100)]
    public int ImmediateRetries { get; set; } = 5;

    /// <summary>
    /// Further retries after the immediate ones, with these pauses (comma-separated TimeSpans), for
    /// faults that take a while to pass: a database failing over, the records check timing out. The
    /// message stays unacknowledged meanwhile, so if this process dies the broker redelivers it to
    /// another. When the last retry fails too, the message goes to the error queue and into
    /// quarantine as <c>processing-failed</c>, with the exception, for a supervisor to replay.
    /// </summary>
    public string TransientRetryDelays { get; set; } = "00:00:01,00:00:05,00:00:15,00:00:30,00:01:00";

    /// <summary>Every pause between attempts: the immediate retries, then <see cref="TransientRetryDelays"/>.</summary>
    public TimeSpan[] RetryIntervals() =>
        [.. Enumerable.Repeat(TimeSpan.Zero, ImmediateRetries), .. ParseDelays(TransientRetryDelays, out _)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        ParseDelays(TransientRetryDelays, out var problem);
        if (problem is not null)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(TransientRetryDelays)}: {problem}", [nameof(TransientRetryDelays)]);
        }
    }

    private static List<TimeSpan> ParseDelays(string? text, out string? problem)
    {
        problem = null;
        var delays = new List<TimeSpan>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var delay) || delay < TimeSpan.Zero || delay > TimeSpan.FromHours(1))
            {
                problem = $"'{part}' is not a pause between 00:00:00 and 01:00:00 (write e.g. 00:00:05,00:00:30)";
                return [];
            }

            delays.Add(delay);
        }

        return delays;
    }
}
