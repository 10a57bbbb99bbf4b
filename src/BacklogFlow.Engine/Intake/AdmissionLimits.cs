using System.Globalization;
using BacklogFlow.Engine.Messaging;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// The intake limits in force in this process, with what they mean together: a limit that another
/// one makes moot, or that would take days to admit a surge, is a warning shown at startup and on
/// the health page, never silent.
/// </summary>
public sealed record AdmissionLimits(
    bool ConsumesIntake,
    int PerSecond,
    int ConcurrentMessageLimit,
    int? PrefetchCount,
    int EffectiveConcurrency,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The surge the warnings measure against: the October 2021 VOG backlog.</summary>
    public const int ReferenceSurge = 70_000;

    public static AdmissionLimits For(IntakeOptions intake, MessagingOptions messaging, bool consumesIntake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(messaging);
        int? prefetch = messaging.Transport == BusTransport.RabbitMq ? messaging.RabbitMq.PrefetchCount : null;
        var effective = Math.Min(intake.ConcurrentMessageLimit, prefetch ?? int.MaxValue);
        var warnings = new List<string>();
        if (prefetch < intake.ConcurrentMessageLimit)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"BacklogFlow:Messaging:RabbitMq:PrefetchCount {prefetch} is below BacklogFlow:Intake:ConcurrentMessageLimit {intake.ConcurrentMessageLimit}: at most {prefetch} messages are taken in at once"));
        }

        var surgeSeconds = (double)ReferenceSurge / intake.AdmissionPerSecond;
        if (surgeSeconds > TimeSpan.FromHours(1).TotalSeconds)
        {
            // Likely a slip (10 meant as 10,000); if meant, the warning says what it costs.
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"BacklogFlow:Intake:AdmissionPerSecond {intake.AdmissionPerSecond} admits a {ReferenceSurge:N0}-application surge in no less than {TimeSpan.FromSeconds(surgeSeconds).TotalHours:0.#} hours"));
        }

        return new AdmissionLimits(consumesIntake, intake.AdmissionPerSecond, intake.ConcurrentMessageLimit, prefetch, effective, warnings);
    }

    public override string ToString() =>
        !ConsumesIntake
            ? "this process does not consume intake"
            : string.Create(CultureInfo.InvariantCulture,
                $"intake admits at most {PerSecond:N0} messages/s, {EffectiveConcurrency} at once (concurrency limit {ConcurrentMessageLimit}{(PrefetchCount is { } p ? $", prefetch {p}" : ", in-memory bus")})")
              + (Warnings.Count > 0 ? "; " + string.Join("; ", Warnings) : "");
}
