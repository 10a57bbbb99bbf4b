using System.Diagnostics.Metrics;
using BacklogFlow.Engine.Intake;

namespace BacklogFlow.Engine.Observability;

/// <summary>
/// The engine's own instruments, on the meter <see cref="MeterName"/> (exported with MassTransit's,
/// ASP.NET Core's, Npgsql's and the runtime's by <see cref="TelemetrySetup"/>). Each is recorded
/// after the state change it counts has committed.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "BacklogFlow.Engine";

    public const string IntakeMessagesName = "backlogflow.intake.messages";

    private readonly Counter<long> _intakeMessages;

    public EngineMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _intakeMessages = meter.CreateCounter<long>(
            IntakeMessagesName, "{message}", "Intake messages by what became of them (outcome, and reason when quarantined).");
    }

    public void IntakeMessage(IntakeOutcome outcome) =>
        _intakeMessages.Add(1, new KeyValuePair<string, object?>("outcome", Spell(outcome)));

    public void IntakeQuarantined(string reason) =>
        _intakeMessages.Add(
            1,
            new KeyValuePair<string, object?>("outcome", Spell(IntakeOutcome.Quarantined)),
            new KeyValuePair<string, object?>("reason", reason));

    private static string Spell(IntakeOutcome outcome) => outcome switch
    {
        IntakeOutcome.Accepted => "accepted",
        IntakeOutcome.Duplicate => "duplicate",
        IntakeOutcome.Quarantined => "quarantined",
        IntakeOutcome.Redelivered => "redelivered",
        _ => outcome.ToString(),
    };
}
