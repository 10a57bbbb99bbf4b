using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BacklogFlow.Engine.Tests.Persistence;

/// <summary>
/// Rows written past the change tracker must be stored exactly as SaveChanges stores them: read back,
/// and found by the same queries (a Guid written as a blob where EF writes text would read back but
/// never match a query). Runs on every database the engine supports: see the derived classes.
/// </summary>
public abstract class SetBasedInsertTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InsertAsync_CasesAndTheirReviewTasks_ReadBackAndAreFoundAsSaveChangesWouldStoreThem()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var now = engine.Time.GetUtcNow();
        var catalog = engine.Catalog;
        var applications = new[]
        {
            Applications.Details(sector: "education"),
            Applications.Details(sector: null, product: "vog-rp"),
            Applications.Details(sector: "taxi", receivedAt: now.AddDays(-3)),
        };
        var cases = applications.Select(a => ApplicationCase.Receive(Guid.CreateVersion7(now), a, catalog.Get(a.Product), catalog.Calendar)).ToList();
        var tasks = cases.Select(c => CaseRouter.AfterScreening(c, ScreeningResult.Record, catalog.Get(c.Product), catalog.Calendar, now)!).ToList();

        await engine.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            await db.InsertAsync(cases, Cancel);
            await db.InsertAsync(tasks, Cancel);
            await transaction.CommitAsync(Cancel);
            return true;
        });

        foreach (var (stored, task) in cases.Zip(tasks))
        {
            var readCase = await engine.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == stored.Id, Cancel));
            readCase.Should().BeEquivalentTo(stored);
            var readTask = await engine.QueryAsync(db => db.ReviewTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id && t.CaseId == stored.Id, Cancel));
            readTask.Should().BeEquivalentTo(task);
        }

        // Found by the queries that compare converted values: the open cases by due date, the claimable tasks by queue.
        var due = cases.Max(c => c.EffectiveDueDate);
        (await engine.QueryAsync(db => db.Cases.CountAsync(c => c.Status != CaseStatus.Decided && c.EffectiveDueDate <= due && c.ReceivedAt <= now, Cancel)))
            .Should().Be(cases.Count);
        var queue = tasks[0].Queue;
        (await engine.QueryAsync(db => db.ReviewTasks.Where(ReviewTask.IsClaimable).CountAsync(t => t.Queue == queue, Cancel)))
            .Should().Be(tasks.Count(t => t.Queue == queue));
    }

    [Fact]
    public async Task InsertAsync_IntakeBookkeepingAndOutbox_ReadBackWithIdentityKeysInTheOrderGiven()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var now = engine.Time.GetUtcNow();
        var records = new[]
        {
            new IntakeRecord { SourceSystem = "legacy", ApplicationId = "a-1", Fingerprint = "f1", CaseId = Guid.CreateVersion7(now), FirstReceivedAt = now },
            new IntakeRecord { SourceSystem = "legacy", ApplicationId = "a-2", Fingerprint = "f2", CaseId = Guid.CreateVersion7(now), FirstReceivedAt = now.AddMinutes(1), DuplicateCount = 2 },
        };
        var inbox = new[] { ProcessedMessage.Of(Guid.NewGuid(), IntakeOutcome.Accepted, now), ProcessedMessage.Of(Guid.NewGuid(), IntakeOutcome.Duplicate, now) };
        var outbox = Enumerable.Range(1, 5).Select(i => Outbox.Message(new { Number = i }, now)).ToList();

        await engine.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            await db.InsertAsync(records, Cancel);
            await db.InsertAsync(inbox, Cancel);
            await db.InsertAsync(outbox, Cancel);
            await transaction.CommitAsync(Cancel);
            return true;
        });

        (await engine.QueryAsync(db => db.IntakeRecords.AsNoTracking().Where(r => r.FirstReceivedAt >= now).OrderBy(r => r.ApplicationId).ToListAsync(Cancel)))
            .Should().BeEquivalentTo(records, o => o.WithStrictOrdering());
        var inboxIds = inbox.Select(m => m.MessageId).ToList();
        (await engine.QueryAsync(db => db.ProcessedMessages.AsNoTracking().Where(m => inboxIds.Contains(m.MessageId)).ToListAsync(Cancel)))
            .Should().BeEquivalentTo(inbox);
        var stored = await engine.QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Cancel));
        stored.Select(m => m.Payload).Should().Equal(outbox.Select(m => m.Payload));
        stored.Should().OnlyContain(m => m.Id > 0 && m.CreatedAt == now);
    }

    [Fact]
    public async Task InsertAsync_WithoutTransaction_RefusesRatherThanCommitRowByRow()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var inbox = new[] { ProcessedMessage.Of(Guid.NewGuid(), IntakeOutcome.Accepted, engine.Time.GetUtcNow()) };

        var insert = () => engine.QueryAsync(async db =>
        {
            await db.InsertAsync(inbox, Cancel);
            return true;
        });

        await insert.Should().ThrowAsync<InvalidOperationException>().WithMessage("*transaction*");
        (await engine.QueryAsync(db => db.ProcessedMessages.CountAsync(Cancel))).Should().Be(0);
    }
}

public sealed class SetBasedInsertTestsOnSqlite : SetBasedInsertTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class SetBasedInsertTestsOnPostgreSql : SetBasedInsertTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
