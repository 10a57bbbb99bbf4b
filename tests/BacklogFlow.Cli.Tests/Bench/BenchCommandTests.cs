using System.CommandLine;
using System.Text.Json;
using BacklogFlow.Cli.Commands;
using BacklogFlow.Cli.Tests.Support;
using BacklogFlow.Testing;

namespace BacklogFlow.Cli.Tests.Bench;

/// <summary>
/// Every sub-benchmark, tiny, through the `bench` command on the real PostgreSQL and RabbitMQ
/// (a fresh virtual host): the JSON carries every figure and ratio and the counts add up. Timings
/// are measurements, never asserted here.
/// </summary>
[Collection(SharedBrokerCollection.Name)]
public sealed class BenchCommandTests : IAsyncLifetime
{
    private string _virtualHost = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _virtualHost = await RabbitMqTestVirtualHosts.CreateAsync(Cancel);

    public async ValueTask DisposeAsync() => await RabbitMqTestVirtualHosts.DeleteAsync(_virtualHost);

    [Fact]
    public async Task Intake_Tiny_EveryContenderTookInEveryMessage()
    {
        var (exitCode, bench) = await RunAsync("intake", "--applications", "200", "--timeout", "180");

        exitCode.Should().Be(0);
        var figures = Figures(bench, "intake");
        figures.Should().ContainKeys(
            "applications", "allAccountedFor", "engineTakenIn", "engineSeconds", "engineMessagesPerSecond", "massTransitTakenIn",
            "massTransitSeconds", "massTransitMessagesPerSecond", "rawTakenIn", "rawSeconds", "rawMessagesPerSecond", "embeddedTakenIn",
            "embeddedSeconds", "embeddedMessagesPerSecond", "ratioEngineToMassTransit", "ratioEngineToRaw", "enginePeakRssMb", "embeddedPeakRssMb");
        figures["applications"].Should().Be(200);
        figures["allAccountedFor"].Should().Be(1);
        foreach (var contender in new[] { "engine", "worker", "storm", "massTransit", "raw", "embedded" })
        {
            figures[$"{contender}TakenIn"].Should().Be(200, contender);
            figures[$"{contender}TimedOut"].Should().Be(0, contender);
            figures[$"{contender}MessagesPerSecond"].Should().BePositive(contender);
        }

        figures["stormCasesCreated"].Should().Be(40, "the storm's 40 applications each became one case");
        figures["stormDuplicatesIgnored"].Should().Be(160, "and its 160 resends created nothing");
        figures["ratioStormToEngine"].Should().BePositive();

        figures["enginePeakRssMb"].Should().BePositive();
        figures["workerPeakRssMb"].Should().BePositive("the worker process's own peak was read before it was stopped");
        figures["ratioEngineToMassTransit"].Should().BePositive();
        figures["admissionPerSecond"].Should().Be(10_000, "the admission limit in force is reported beside the figures it may bound");
        bench.GetProperty("machine").GetProperty("rabbitmq").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Claim_TwoRounds_EveryClaimAskedIsMadeAndEveryFigureReported()
    {
        var (exitCode, bench) = await RunAsync(
            "claim", "--rounds", "2", "--open-tasks", "500", "--small-open-tasks", "100", "--claims", "150", "--claimers", "4");

        exitCode.Should().Be(0);
        var figures = Figures(bench, "claim");
        foreach (var (size, open, claims) in new[] { ("Large", 500, 150), ("Small", 100, 50) })
        {
            figures[$"openTasks{size}"].Should().Be(open);
            figures[$"claimsPerRun{size}"].Should().Be(claims, "a run asks at most half as many claims as there are open tasks");
            figures[$"engineClaimed{size}"].Should().Be(claims);
            figures[$"baselineClaimed{size}"].Should().Be(claims);
            figures.Should().ContainKeys($"engineP50Ms{size}", $"engineP99Ms{size}", $"engineClaimsPerSecond{size}",
                $"baselineP50Ms{size}", $"baselineP99Ms{size}", $"baselineClaimsPerSecond{size}");
            figures[$"engineP99Ms{size}"].Should().BeGreaterThanOrEqualTo(figures[$"engineP50Ms{size}"]);
            foreach (var contender in new[] { "engine", "baseline" })
            {
                figures.Should().ContainKeys($"{contender}ClaimerCpuMsPerClaim{size}", $"{contender}DatabaseCpuMsPerClaim{size}");
                figures[$"{contender}AllocatedKbPerClaim{size}"].Should().BeGreaterThan(0, "every claim allocates in the claiming process");
            }
        }

        figures.Should().ContainKeys("ratioP99EngineToBaselineLarge", "ratioP99LargeToSmallEngine", "ratioP99LargeToSmallBaseline");
        Rounds(bench, "claim", "engineP99MsLarge").Should().HaveCount(2);
    }

    [Fact]
    public async Task Rebalance_Tiny_EveryOpenTaskReranked()
    {
        var (exitCode, bench) = await RunAsync("rebalance", "--rebalance-tasks", "300", "--claimers", "3", "--quiet-ms", "300");

        exitCode.Should().Be(0);
        var figures = Figures(bench, "rebalance");
        figures["openTasks"].Should().Be(300);
        figures["engineRerankedTasks"].Should().Be(300, "the order is rotated, so every class changes rank");
        figures["baselineRerankedTasks"].Should().Be(300);
        figures.Should().ContainKeys("engineReorderMs", "baselineReorderMs", "ratioEngineToBaseline", "engineReorderUnderLoadMs",
            "claimP99QuietMs", "claimP99DuringReorderMs", "claimsDuringReorder", "emptyClaimsDuringReorder", "ratioClaimP99DuringToQuiet");
    }

    [Fact]
    public async Task Sweep_Tiny_BothEscalateTheSameTasksAndOnTheWorstDayAll()
    {
        var (exitCode, bench) = await RunAsync("sweep", "--sweep-cases", "1200");

        exitCode.Should().Be(0);
        var figures = Figures(bench, "sweep");
        figures["cases"].Should().Be(1200, "the domain's sample is copied, with its tasks, up to the size asked");
        figures["engineEscalatedOrdinary"].Should().Be(figures["baselineEscalatedOrdinary"]).And.BeInRange(1, 1199, "one day's crossing, not all");
        figures["engineEscalatedWorst"].Should().Be(1200, "everything comes due at once");
        figures["baselineEscalatedWorst"].Should().Be(1200);
        figures.Should().ContainKeys("engineSecondsOrdinary", "baselineSecondsOrdinary", "ratioEngineToBaselineOrdinary",
            "engineSecondsWorst", "baselineSecondsWorst", "ratioEngineToBaselineWorst", "heapGrowthMbOrdinary", "heapGrowthMbWorst", "engineRepeatSeconds");
    }

    [Fact]
    public async Task Fairness_Tiny_SharesOfEveryQueueAddUp()
    {
        var (exitCode, bench) = await RunAsync("fairness", "--fairness-tasks", "500", "--fairness-claims", "120", "--claimers", "3");

        exitCode.Should().Be(0);
        var figures = Figures(bench, "fairness");
        figures["claimsPerRound"].Should().BeInRange(1, 120);
        var queues = figures.Keys.Where(k => k.StartsWith("claimShare.", StringComparison.Ordinal)).Select(k => k["claimShare.".Length..]).ToList();
        queues.Should().HaveCount(5);
        queues.Should().OnlyContain(
            q => figures["claimsPerRound"] * figures[$"weightShare.{q}"] <= figures[$"seededTasks.{q}"],
            "every competing queue has work for its share to the end of a round");
        queues.Sum(q => figures[$"claimShare.{q}"]).Should().BeApproximately(1, 0.001);
        queues.Sum(q => figures[$"weightShare.{q}"]).Should().BeApproximately(1, 0.001);
        queues.Sum(q => figures[$"seededTasks.{q}"]).Should().Be(figures["openTasks"]);
        figures.Should().ContainKey("maxShareDeviation");
        var servedFirst = queues.Min(q => figures[$"classRank.{q}"]);
        queues.Where(q => figures[$"classRank.{q}"] > servedFirst).Should().NotBeEmpty("regular work waits behind mandatory work")
            .And.OnlyContain(q => figures[$"weightShare.{q}"] == 0, "a queue competes for its weight share only within the class served");
        figures["seededTasks.vog-np-mandatory"].Should().BeGreaterThan(figures["seededTasks.gva-review"], "the surge is in vog-np-mandatory");
    }

    [Fact]
    public async Task Bench_PostgreSqlUnreachable_SaysWhatItNeedsSkipsAndExits2()
    {
        var output = new StringWriter();
        var root = new RootCommand
        {
            BenchCommand.Create(
                new Dictionary<string, string?>
                {
                    ["BacklogFlow:Database:Provider"] = "PostgreSql",
                    ["BacklogFlow:Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2",
                    ["BacklogFlow:Messaging:Transport"] = "InMemory",
                },
                output),
        };

        var exitCode = await root.Parse("bench all --json").InvokeAsync(cancellationToken: Cancel);

        exitCode.Should().Be(2);
        var bench = JsonDocument.Parse(output.ToString()).RootElement;
        bench.GetProperty("skipped").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(["intake", "claim", "rebalance", "sweep", "fairness"]);
        var claim = bench.GetProperty("benchmarks").GetProperty("claim");
        claim.GetProperty("status").GetString().Should().Be("skipped");
        claim.GetProperty("reason").GetString().Should().Contain("needs PostgreSQL").And.Contain("unreachable");
    }

    [Fact]
    public async Task Intake_InMemoryTransportConfigured_SkippedBecauseItNeedsRabbitMq()
    {
        await LocalServers.EnsureStartedAsync(Cancel);
        var output = new StringWriter();
        var root = new RootCommand
        {
            BenchCommand.Create(
                new Dictionary<string, string?>
                {
                    ["BacklogFlow:Database:Provider"] = "PostgreSql",
                    ["BacklogFlow:Database:ConnectionString"] = PostgreSqlTestDatabases.ServerConnectionString,
                },
                output),
        };

        var exitCode = await root.Parse("bench intake --transport inmemory --json").InvokeAsync(cancellationToken: Cancel);

        exitCode.Should().Be(2);
        var intake = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("benchmarks").GetProperty("intake");
        intake.GetProperty("reason").GetString().Should().Contain("needs RabbitMQ");
    }

    [Fact]
    public async Task Intake_VirtualHostMissing_SaysHowToCreateItSkipsAndExits2()
    {
        await LocalServers.EnsureStartedAsync(Cancel);
        var configuration = RabbitMqTestVirtualHosts.Settings($"{_virtualHost}-missing");
        configuration["BacklogFlow:Database:Provider"] = "PostgreSql";
        configuration["BacklogFlow:Database:ConnectionString"] = PostgreSqlTestDatabases.ServerConnectionString;
        var output = new StringWriter();
        var root = new RootCommand { BenchCommand.Create(configuration, output) };

        var exitCode = await root.Parse("bench intake --json").InvokeAsync(cancellationToken: Cancel);

        exitCode.Should().Be(2);
        var intake = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("benchmarks").GetProperty("intake");
        intake.GetProperty("status").GetString().Should().Be("skipped");
        intake.GetProperty("reason").GetString().Should().Contain($"virtual host '{_virtualHost}-missing'").And.Contain("rabbitmqctl add_vhost");
    }

    private async Task<(int ExitCode, JsonElement Bench)> RunAsync(params string[] arguments)
    {
        await LocalServers.EnsureStartedAsync(Cancel);
        var configuration = RabbitMqTestVirtualHosts.Settings(_virtualHost);
        configuration["BacklogFlow:Database:Provider"] = "PostgreSql";
        configuration["BacklogFlow:Database:ConnectionString"] = PostgreSqlTestDatabases.ServerConnectionString;
        var output = new StringWriter();
        var root = new RootCommand { BenchCommand.Create(configuration, output) };
        string[] commandLine = ["bench", .. arguments, "--json", .. arguments.Contains("--rounds") ? Array.Empty<string>() : ["--rounds", "1"]];

        var exitCode = await root.Parse(commandLine).InvokeAsync(cancellationToken: Cancel);

        var text = output.ToString();
        text.Trim().Split('\n').Should().ContainSingle("--json prints exactly one JSON object on standard output");
        var bench = JsonDocument.Parse(text).RootElement.Clone();
        var machine = bench.GetProperty("machine");
        machine.GetProperty("cores").GetInt32().Should().BePositive();
        machine.GetProperty("postgresql").GetString().Should().NotBeNullOrEmpty();
        machine.GetProperty("dotnet").GetString().Should().NotBeNullOrEmpty();
        return (exitCode, bench);
    }

    private static Dictionary<string, double> Figures(JsonElement bench, string name)
    {
        var section = bench.GetProperty("benchmarks").GetProperty(name);
        section.GetProperty("status").GetString().Should().Be("ran", section.ToString());
        return section.GetProperty("figures").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? double.NaN : p.Value.GetDouble());
    }

    private static List<double> Rounds(JsonElement bench, string name, string key) =>
        [.. bench.GetProperty("benchmarks").GetProperty(name).GetProperty("rounds").GetProperty(key).EnumerateArray().Select(e => e.GetDouble())];
}
