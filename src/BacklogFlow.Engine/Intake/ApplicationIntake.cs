using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;
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
/// Takes one submitted application in: validates, de-duplicates, persists the case with its
/// deadline, screens it and routes it, all in one transaction together with the inbox entry and the
/// outgoing messages. Anything that fails before the commit leaves no trace, so a retry starts clean.
/// </summary>
public sealed class ApplicationIntake(
    BacklogFlowDbContext db,
    WorkflowCatalog catalog,
    IJudicialRecordsCheck recordsCheck,
    RegisteredOutages outages,
    ServingOrder servingOrder,
    TimeProvider time)
{
    public async Task<IntakeOutcome> AcceptAsync(
        ApplicationSubmitted message, Guid? messageId, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();

        if (messageId is { } id && await db.ProcessedMessages.AnyAsync(m => m.MessageId == id, cancellationToken))
        {
            return IntakeOutcome.Redelivered;
        }

        var (application, problems) = ApplicationValidator.Validate(message, catalog, now);
        IntakeOutcome outcome;
        if (application is null)
        {
            db.Quarantine(QuarantineReasons.Invalid, string.Join("; ", problems), payload,
                message.SourceSystem, message.ApplicationId, messageId, now);
            outcome = IntakeOutcome.Quarantined;
        }
        else
        {
            outcome = await AcceptValidAsync(application, messageId, payload, now, cancellationToken);
        }

        if (messageId is { } processedId)
        {
            db.ProcessedMessages.Add(new ProcessedMessage { MessageId = processedId, ProcessedAt = now, Outcome = outcome.ToString() });
        }

        if (outcome == IntakeOutcome.Duplicate)
        {
            await CountDuplicateAsync(application!, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A retry storm sends the same application many times at once: the count is incremented in the
    /// database (no read-modify-write to conflict on), in one transaction with the inbox entry.
    /// </summary>
    private async Task CountDuplicateAsync(ApplicationDetails application, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.IntakeRecords
            .Where(r => r.SourceSystem == application.SourceSystem && r.ApplicationId == application.ApplicationId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DuplicateCount, r => r.DuplicateCount + 1), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<IntakeOutcome> AcceptValidAsync(
        ApplicationDetails application, Guid? messageId, string payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fingerprint = ApplicationFingerprint.Of(application);
        var known = await db.IntakeRecords.AsNoTracking().SingleOrDefaultAsync(
            r => r.SourceSystem == application.SourceSystem && r.ApplicationId == application.ApplicationId,
            cancellationToken);

        if (known is not null)
        {
            if (known.Fingerprint == fingerprint)
            {
                return IntakeOutcome.Duplicate;
            }

            var knownCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == known.CaseId, cancellationToken);
            var differences = ApplicationFingerprint.Differences(knownCase, application);
            db.Quarantine(QuarantineReasons.ConflictingDuplicate,
                $"application {application.ApplicationId} from {application.SourceSystem} was first received "
                + $"{known.FirstReceivedAt:O} with different {string.Join(", ", differences)}",
                payload, application.SourceSystem, application.ApplicationId, messageId, now);
            return IntakeOutcome.Quarantined;
        }

        var definition = catalog.Get(application.Product);
        var newCase = ApplicationCase.Receive(
            Guid.CreateVersion7(now), application, definition, catalog.Calendar, await outages.CurrentAsync(cancellationToken));
        var screening = await recordsCheck.CheckAsync(
            new RecordsCheckRequest(newCase.ApplicantReference, newCase.Product, newCase.ScreeningProfile, newCase.FunctionAspects),
            cancellationToken);
        var reviewTask = CaseRouter.AfterScreening(
            newCase, screening, definition, catalog.Calendar, (await servingOrder.CurrentAsync(cancellationToken)).Ranking, now);

        db.Cases.Add(newCase);
        db.IntakeRecords.Add(new IntakeRecord
        {
            SourceSystem = application.SourceSystem,
            ApplicationId = application.ApplicationId,
            Fingerprint = fingerprint,
            CaseId = newCase.Id,
            FirstReceivedAt = now,
        });
        if (reviewTask is null)
        {
            db.Enqueue(DecisionMessages.For(newCase), now);
        }
        else
        {
            db.ReviewTasks.Add(reviewTask);
        }

        return IntakeOutcome.Accepted;
    }
}
