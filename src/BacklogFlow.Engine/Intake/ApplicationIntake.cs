using System.Text.Json;
using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Outages;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Priorities;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Engine.Screening;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// Takes submitted applications in: validates, de-duplicates, persists each case with its deadline,
/// screens it and routes it, all in one transaction per batch together with the inbox entries and
/// the outgoing messages. Anything that fails before the commit leaves no trace, so a retry starts
/// clean. A batch is what <see cref="IntakeBatcher"/> gathered while the previous one committed;
/// it never holds two messages of one application (see <see cref="IntakeMessage.Key"/>).
/// The new rows (cases, intake records, review tasks, outgoing decisions, inbox entries) are
/// written set-based, one statement per table (<see cref="SetBasedInsert"/>); only the rare
/// quarantine goes through the change tracker.
/// </summary>
public sealed class ApplicationIntake(
    BacklogFlowDbContext db,
    WorkflowCatalog catalog,
    IJudicialRecordsCheck recordsCheck,
    RegisteredOutages outages,
    TimeProvider time)
{
    public async Task<IntakeOutcome> AcceptAsync(
        ApplicationSubmitted message, Guid? messageId, string payload, CancellationToken cancellationToken) =>
        (await AcceptManyAsync([new IntakeMessage(message, messageId, payload)], cancellationToken))[0];

    /// <returns>Each message's outcome, in order.</returns>
    public async Task<IReadOnlyList<IntakeOutcome>> AcceptManyAsync(IReadOnlyList<IntakeMessage> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var outcomes = new IntakeOutcome[batch.Count];

        var messageIds = batch.Where(m => m.MessageId is not null).Select(m => m.MessageId!.Value).ToList();
        var processed = messageIds.Count == 0
            ? []
            : await db.ProcessedMessages.AsNoTracking().Where(m => messageIds.Contains(m.MessageId)).Select(m => m.MessageId).ToHashSetAsync(cancellationToken);

        var valid = new List<(int Index, ApplicationDetails Application)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (message, messageId, _) = batch[i];
            ArgumentNullException.ThrowIfNull(message);
            if (messageId is { } id && processed.Contains(id))
            {
                outcomes[i] = IntakeOutcome.Redelivered;
                continue;
            }

            var (application, problems) = ApplicationValidator.Validate(message, catalog, now);
            if (application is null)
            {
                db.Quarantine(QuarantineReasons.Invalid, string.Join("; ", problems), batch[i].Payload, message.SourceSystem, message.ApplicationId, messageId, now);
                outcomes[i] = IntakeOutcome.Quarantined;
            }
            else
            {
                valid.Add((i, application));
            }
        }

        var known = await KnownAsync(valid.Select(v => v.Application), cancellationToken);
        var duplicates = new List<ApplicationDetails>();
        var windows = await outages.CurrentAsync(cancellationToken);
        var received = new List<(int Index, ApplicationDetails Application, ApplicationCase Case, string Fingerprint)>();
        foreach (var (index, application) in valid)
        {
            var fingerprint = ApplicationFingerprint.Of(application);
            if (known.GetValueOrDefault((application.SourceSystem, application.ApplicationId)) is { } record)
            {
                if (record.Fingerprint == fingerprint)
                {
                    outcomes[index] = IntakeOutcome.Duplicate;
                    duplicates.Add(application);
                }
                else
                {
                    outcomes[index] = await QuarantineConflictAsync(application, record, batch[index], now, cancellationToken);
                }

                continue;
            }

            var newCase = ApplicationCase.Receive(Guid.CreateVersion7(now), application, catalog.Get(application.Product), catalog.Calendar, windows);
            received.Add((index, application, newCase, fingerprint));
        }

        // The records check is a remote system in production: ask for the whole batch at once.
        var screenings = await Task.WhenAll(received.Select(r => recordsCheck.CheckAsync(
            new RecordsCheckRequest(r.Case.ApplicantReference, r.Case.Product, r.Case.ScreeningProfile, r.Case.FunctionAspects), cancellationToken).AsTask()));
        var rows = new NewRows();
        for (var i = 0; i < received.Count; i++)
        {
            var (index, application, newCase, fingerprint) = received[i];
            rows.Add(newCase, fingerprint, CaseRouter.AfterScreening(newCase, screenings[i], catalog.Get(application.Product), catalog.Calendar, now), now);
            outcomes[index] = IntakeOutcome.Accepted;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].MessageId is { } id && outcomes[i] != IntakeOutcome.Redelivered)
            {
                rows.ProcessedMessages.Add(ProcessedMessage.Of(id, outcomes[i], now));
            }
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await CountDuplicatesAsync(duplicates, cancellationToken);

            // Cases first: the intake records and review tasks refer to them.
            await db.InsertAsync(rows.Cases, cancellationToken);
            await db.InsertAsync(rows.IntakeRecords, cancellationToken);
            await db.InsertAsync(rows.ReviewTasks, cancellationToken);
            await db.EnqueueSetBasedAsync(rows.Decisions, cancellationToken);
            await db.InsertAsync(rows.ProcessedMessages, cancellationToken);
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return outcomes;
    }

    /// <summary>The intake records of the batch's applications that exist already, by key: one query.</summary>
    private async Task<Dictionary<(string SourceSystem, string ApplicationId), IntakeRecord>> KnownAsync(
        IEnumerable<ApplicationDetails> applications, CancellationToken cancellationToken)
    {
        var keys = applications.Select(a => (a.SourceSystem, a.ApplicationId)).ToHashSet();
        if (keys.Count == 0)
        {
            return [];
        }

        List<IntakeRecord> records;
        if (db.Database.IsPostgreSql())
        {
            // One primary-key probe per key. Asked as "source = ANY(...) AND id = ANY(...)",
            // PostgreSQL 15 seeks the source only and filters the ids: every record of the source
            // read per batch, which made intake slow down as the table grew (14 ms a batch at
            // 20,000 records, most of the engine's database time in `bench intake`).
            string[] sources = [.. keys.Select(k => k.SourceSystem)];
            string[] ids = [.. keys.Select(k => k.ApplicationId)];
            records = await db.IntakeRecords.FromSql($"""
                SELECT i.* FROM unnest({sources}::text[], {ids}::text[]) AS k(source, id)
                  JOIN intake_records AS i ON i."SourceSystem" = k.source AND i."ApplicationId" = k.id
                """).AsNoTracking().ToListAsync(cancellationToken);
        }
        else
        {
            var sources = keys.Select(k => k.SourceSystem).Distinct().ToList();
            var ids = keys.Select(k => k.ApplicationId).Distinct().ToList();
            records = await db.IntakeRecords.AsNoTracking()
                .Where(r => sources.Contains(r.SourceSystem) && ids.Contains(r.ApplicationId))
                .ToListAsync(cancellationToken);
        }

        return records.Where(r => keys.Contains((r.SourceSystem, r.ApplicationId))).ToDictionary(r => (r.SourceSystem, r.ApplicationId));
    }

    /// <summary>
    /// A retry storm sends the same application many times at once: the counts are incremented in
    /// the database (no read-modify-write to conflict on), in the batch's transaction with the inbox
    /// entries, one statement for the whole batch (one per resend made a storm's batches of a
    /// hundred resends a hundred round trips).
    /// </summary>
    private async Task CountDuplicatesAsync(List<ApplicationDetails> duplicates, CancellationToken cancellationToken)
    {
        if (duplicates.Count == 0)
        {
            return;
        }

        // A batch holds one message per application (IntakeBatcher), but a count per key keeps this right without that.
        var resends = duplicates.GroupBy(d => (d.SourceSystem, d.ApplicationId)).Select(g => (g.Key.SourceSystem, g.Key.ApplicationId, Count: g.Count())).ToList();
        if (db.Database.IsPostgreSql())
        {
            string[] sources = [.. resends.Select(r => r.SourceSystem)];
            string[] ids = [.. resends.Select(r => r.ApplicationId)];
            int[] counts = [.. resends.Select(r => r.Count)];
            await db.Database.ExecuteSqlAsync($"""
                UPDATE intake_records AS r SET "DuplicateCount" = r."DuplicateCount" + k.n
                  FROM unnest({sources}::text[], {ids}::text[], {counts}::integer[]) AS k(source, id, n)
                 WHERE r."SourceSystem" = k.source AND r."ApplicationId" = k.id
                """, cancellationToken);
        }
        else
        {
            var keys = JsonSerializer.Serialize(resends.Select(r => new object[] { r.SourceSystem, r.ApplicationId, r.Count }));
            await db.Database.ExecuteSqlAsync($"""
                UPDATE intake_records SET "DuplicateCount" = "DuplicateCount" + k.n
                  FROM (SELECT value ->> 0 AS source, value ->> 1 AS id, value ->> 2 AS n FROM json_each({keys})) AS k
                 WHERE intake_records."SourceSystem" = k.source AND intake_records."ApplicationId" = k.id
                """, cancellationToken);
        }
    }

    private async Task<IntakeOutcome> QuarantineConflictAsync(
        ApplicationDetails application, IntakeRecord known, IntakeMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var knownCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == known.CaseId, cancellationToken);
        var differences = ApplicationFingerprint.Differences(knownCase, application);
        db.Quarantine(QuarantineReasons.ConflictingDuplicate,
            $"application {application.ApplicationId} from {application.SourceSystem} was first received "
            + $"{known.FirstReceivedAt:O} with different {string.Join(", ", differences)}",
            message.Payload, application.SourceSystem, application.ApplicationId, message.MessageId, now);
        return IntakeOutcome.Quarantined;
    }

    /// <summary>What a batch adds, table by table.</summary>
    private sealed class NewRows
    {
        public List<ApplicationCase> Cases { get; } = [];
        public List<IntakeRecord> IntakeRecords { get; } = [];
        public List<ReviewTask> ReviewTasks { get; } = [];
        public List<OutboxMessage> Decisions { get; } = [];
        public List<ProcessedMessage> ProcessedMessages { get; } = [];

        /// <summary>A new case with its intake record, and its review task or (decided on screening) its decision.</summary>
        public void Add(ApplicationCase newCase, string fingerprint, ReviewTask? reviewTask, DateTimeOffset now)
        {
            Cases.Add(newCase);
            IntakeRecords.Add(new IntakeRecord
            {
                SourceSystem = newCase.SourceSystem,
                ApplicationId = newCase.ApplicationId,
                Fingerprint = fingerprint,
                CaseId = newCase.Id,
                FirstReceivedAt = now,
            });
            if (reviewTask is null)
            {
                Decisions.Add(Outbox.Message(DecisionMessages.For(newCase), now));
            }
            else
            {
                ReviewTasks.Add(reviewTask);
            }
        }
    }
}
