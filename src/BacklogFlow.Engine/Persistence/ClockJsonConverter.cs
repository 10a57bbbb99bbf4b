using System.Text.Json;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BacklogFlow.Engine.Persistence;

/// <summary>
/// Stores a case's clock (its deadline ledger) as a JSON array of events in the case row: the
/// events are the record; every date on the case is derived from them. Kinds and reasons use the
/// YAML spellings, so the stored form reads like the law's vocabulary and survives renames in code.
/// </summary>
public sealed class ClockJsonConverter() : ValueConverter<DeadlineLedger, string>(
    ledger => Write(ledger),
    json => Read(json))
{
    /// <summary>The ledger is immutable and replaced on every change: reference equality is change detection.</summary>
    public static readonly ValueComparer<DeadlineLedger> Comparer = new(
        (a, b) => ReferenceEquals(a, b),
        ledger => ledger.Events.Count,
        ledger => ledger);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Write(DeadlineLedger ledger) =>
        JsonSerializer.Serialize(ledger.Events.Select(StoredEvent.Of).ToList(), Json);

    private static DeadlineLedger Read(string json) =>
        new((JsonSerializer.Deserialize<List<StoredEvent>>(json, Json) ?? []).Select(e => e.ToEvent()));

    /// <summary>One event as stored; only the fields of its kind are set.</summary>
    private sealed record StoredEvent(
        string Kind,
        DateTimeOffset? At = null,
        DateOnly? From = null,
        DateOnly? To = null,
        DateOnly? On = null,
        string? Reason = null,
        int? Weeks = null,
        DateOnly? Notice = null,
        DateOnly? Intended = null)
    {
        public static StoredEvent Of(LedgerEvent clockEvent) => clockEvent switch
        {
            CaseReceived e => new("received", At: e.At),
            RecordFound e => new("record-found", At: e.At),
            OutageAffected e => new("outage-affected", On: e.OutageStart, Intended: e.IntendedSubmissionDate),
            ClockSuspended e => new("suspended", From: e.From, To: e.To, Reason: YamlSpellings.Of(e.Reason), Notice: e.NoticeDate),
            TermExtended e => new("extended", Weeks: e.Weeks, Reason: e.Reason, Notice: e.NoticeDate),
            DefaultNoticeReceived e => new("notice-of-default", On: e.ReceivedOn),
            CaseDecided e => new("decided", At: e.At),
            _ => throw new ArgumentOutOfRangeException(nameof(clockEvent), clockEvent.GetType().Name, "unknown clock event"),
        };

        public LedgerEvent ToEvent() => Kind switch
        {
            "received" => new CaseReceived(At!.Value),
            "record-found" => new RecordFound(At!.Value),
            "outage-affected" => new OutageAffected(On!.Value, Intended),
            "suspended" => new ClockSuspended(From!.Value, To!.Value, ParseReason(Reason!), Notice),
            "extended" => new TermExtended(Weeks!.Value, Reason!, Notice!.Value),
            "notice-of-default" => new DefaultNoticeReceived(On!.Value),
            "decided" => new CaseDecided(At!.Value),
            _ => throw new InvalidOperationException($"unknown clock event kind '{Kind}' in the database"),
        };

        private static SuspensionReason ParseReason(string spelling) =>
            YamlSpellings.TryParse(spelling, out SuspensionReason reason)
                ? reason
                : throw new InvalidOperationException($"unknown suspension reason '{spelling}' in the database");
    }
}
