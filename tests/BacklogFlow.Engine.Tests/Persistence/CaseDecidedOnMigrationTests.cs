using BacklogFlow.Engine.Screening;
using BacklogFlow.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace BacklogFlow.Engine.Tests.Persistence;

/// <summary>Runs on every database the engine supports: see the derived classes at the end.</summary>
public abstract class CaseDecidedOnMigrationTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_CaseDecidedBeforeTheColumnExisted_GetsTheDutchDateOfItsDecision()
    {
        await using var engine = await EngineTestHost.StartAsync(
            new Dictionary<string, string?> { [$"{ScreeningOptions.Section}:RecordShare"] = "0" }, database: Database);
        // Decided at 23:30 UTC on Tue 2 Nov 2021: Wednesday 00:30 in Amsterdam.
        engine.Time.Advance(TimeSpan.FromHours(14.5));
        await engine.Harness.Bus.Publish(Applications.Submitted(), Cancel);
        await engine.Decisions.WaitForAsync(1, Cancel);

        await engine.QueryAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("IdentityAndAudit", cancellationToken: Cancel);
            await migrator.MigrateAsync("CaseDecidedOn", cancellationToken: Cancel);
            return true;
        });

        var decided = await engine.QueryAsync(db => db.Cases.SingleAsync(Cancel));
        decided.DecidedOn.Should().Be(new DateOnly(2021, 11, 3));
    }
}

public sealed class CaseDecidedOnMigrationTestsOnSqlite : CaseDecidedOnMigrationTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class CaseDecidedOnMigrationTestsOnPostgreSql : CaseDecidedOnMigrationTests
{
    protected override TestDatabase Database => TestDatabase.PostgreSql;
}
