using BacklogFlow.Cli.Hosting;
using BacklogFlow.Cli.Surge;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Engine.Simulation;

namespace BacklogFlow.Cli.Tests.Surge;

public sealed class SurgeRunnerTests
{
    [Fact]
    public async Task RunAsync_SurgeWithDuplicatesInvalidAndConflicts_EveryApplicationAccountedFor()
    {
        var directory = Directory.CreateTempSubdirectory("backlogflow-surge-");
        try
        {
            var specification = new SurgeSpecification(400, 0.25, 0.05, 0.02, Seed: 7, "surge-test", DateTimeOffset.UtcNow);
            var runner = new SurgeRunner(specification, new Dictionary<string, string?>
            {
                ["BacklogFlow:Database:ConnectionString"] = $"Data Source={Path.Combine(directory.FullName, "surge.db")}",
            });

            var result = await runner.RunAsync(TimeSpan.FromMinutes(5), progress: null, TestContext.Current.CancellationToken);

            result.Discrepancies.Should().BeEmpty();
            result.AllAccountedFor.Should().BeTrue();
            result.Account.Accepted.Should().Be(380);
            result.Account.DuplicatesIgnored.Should().Be(100);
            var quarantined = result.Account.QuarantinedByReason;
            quarantined[QuarantineReasons.ConflictingDuplicate].Should().Be(8);
            (quarantined[QuarantineReasons.Invalid] + quarantined[QuarantineReasons.Unreadable]).Should().Be(20);
            quarantined[QuarantineReasons.Unreadable].Should().BePositive("some defective messages are bodies no reader can take");
            (result.Account.DecidedAutomatically + result.Account.Waiting).Should().Be(380);
            result.Account.Waiting.Should().BeInRange(20, 120, "about 16% of applicants have a record");
            result.DecisionsReceived.Should().Be(result.Account.DecidedAutomatically);
            result.RejectionsReceived.Should().Be(28);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_BrokerUnreachable_SaysSoWithinTheTimeoutAndPublishesNothing()
    {
        var directory = Directory.CreateTempSubdirectory("backlogflow-surge-");
        try
        {
            var specification = new SurgeSpecification(10, 0, 0, 0, Seed: 7, "surge-test", DateTimeOffset.UtcNow);
            var runner = new SurgeRunner(specification, new Dictionary<string, string?>
            {
                ["BacklogFlow:Database:ConnectionString"] = $"Data Source={Path.Combine(directory.FullName, "surge.db")}",
                ["BacklogFlow:Messaging:Transport"] = "RabbitMq",
                ["BacklogFlow:Messaging:RabbitMq:Host"] = "127.0.0.1",
                ["BacklogFlow:Messaging:RabbitMq:Port"] = "1",
            });

            var run = () => runner.RunAsync(TimeSpan.FromSeconds(2), progress: null, TestContext.Current.CancellationToken);

            (await run.Should().ThrowAsync<BusNotReadyException>()).Which.Message
                .Should().Contain("did not become healthy within 2 s").And.Contain("BacklogFlow:Messaging");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
