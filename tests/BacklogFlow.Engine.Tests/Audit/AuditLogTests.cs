using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Audit;

/// <summary>
/// A page of the audit log filtered by actor or subject is found through the index led by that
/// filter, not by walking the log for a supervisor's few entries among the case workers' claims,
/// and comes newest first. Runs on every database the engine supports: see the derived classes.
/// </summary>
public abstract class AuditLogTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Twenty workers' claims, a thousand each, interleaved as they happen, and a supervisor's every 300th entry.</summary>
    private const int Entries = 20_000;

    [Fact]
    public async Task ListAsync_ByActorOrSubject_NewestFirstThroughTheirIndex()
    {
        await using var engine = await EngineTestHost.StartAsync(database: Database);
        var start = engine.Time.GetUtcNow();
        await engine.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            await db.InsertAsync(
                [.. Enumerable.Range(0, Entries).Select(i => new AuditEntry
                {
                    At = start.AddSeconds(i),
                    Actor = i % 300 == 0 ? "supervisor-1" : $"worker-{i % 20}",
                    Action = AuditActions.TaskClaimed,
                    Subject = $"task:{i % 5_000}",
                })],
                Cancel);
            await transaction.CommitAsync(Cancel);
            if (db.Database.IsPostgreSql())
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE audit_entries", Cancel);
            }

            return 0;
        });

        var page = await engine.InScopeAsync(sp => sp.GetRequiredService<AuditLog>().ListAsync("supervisor-1", null, null, 0, 50, Cancel));
        var (byActor, bySubject) = await engine.QueryAsync(async db => (
            await QueryPlan.ExplainAsync(db, AuditLog.Page(db, "supervisor-1", null, null, 0, 50), Cancel),
            await QueryPlan.ExplainAsync(db, AuditLog.Page(db, null, null, "task:17", 0, 50), Cancel)));

        page.Should().HaveCount(50).And.OnlyContain(e => e.Actor == "supervisor-1").And.BeInDescendingOrder(e => e.Id);
        page[0].At.Should().Be(start.AddSeconds(19_800), "the supervisor's newest entry comes first");
        byActor.Should().Contain("IX_audit_entries_Actor_Id", "plan:\n{0}", byActor);
        bySubject.Should().Contain("IX_audit_entries_Subject_Id", "plan:\n{0}", bySubject);
    }
}

public sealed class AuditLogTestsOnSqlite : AuditLogTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class AuditLogTestsOnPostgreSql : AuditLogTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
