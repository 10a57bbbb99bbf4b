using BacklogFlow.Cli.Surge;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Simulation;

namespace BacklogFlow.Cli.Tests.Surge;

public sealed class SurgeResultTests
{
    private static readonly SurgeSpecification Spec = new(100, 0.1, 0.02, 0, Seed: 1, "legacy", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Discrepancies_EverythingAccountedFor_None()
    {
        var result = Result(Account(accepted: 98, duplicates: 10, quarantined: 2, decided: 80, waiting: 18), decisions: 80, rejections: 2);

        result.AllAccountedFor.Should().BeTrue();
        result.UnaccountedMessages.Should().Be(0);
    }

    [Fact]
    public void Discrepancies_LostMessage_Reported()
    {
        var result = Result(Account(accepted: 97, duplicates: 10, quarantined: 2, decided: 80, waiting: 17), decisions: 80, rejections: 2);

        result.AllAccountedFor.Should().BeFalse();
        result.UnaccountedMessages.Should().Be(1);
        result.Discrepancies.Should().Contain(d => d.StartsWith("messages accounted for", StringComparison.Ordinal));
    }

    [Fact]
    public void Discrepancies_CaseNeitherDecidedNorWaiting_Reported()
    {
        var result = Result(Account(accepted: 98, duplicates: 10, quarantined: 2, decided: 80, waiting: 17), decisions: 80, rejections: 2);

        result.Discrepancies.Should().ContainSingle().Which.Should().Contain("neither decided nor waiting");
    }

    [Fact]
    public void Discrepancies_DecisionLostOnTheWayBack_Reported()
    {
        var result = Result(Account(accepted: 98, duplicates: 10, quarantined: 2, decided: 80, waiting: 18), decisions: 79, rejections: 2);

        result.Discrepancies.Should().ContainSingle().Which.Should().Contain("decisions received by the legacy system");
    }

    private static BacklogAccount Account(int accepted, int duplicates, int quarantined, int decided, int waiting) => new(
        "legacy", accepted, duplicates, new Dictionary<string, int> { ["invalid"] = quarantined }, decided, 0,
        new Dictionary<string, int> { ["vog-np-regular"] = waiting }, 0);

    private static SurgeResult Result(BacklogAccount account, int decisions, int rejections) =>
        new(Spec, account, decisions, 0, rejections, 0, TimeSpan.FromSeconds(1), TimedOut: false);
}
