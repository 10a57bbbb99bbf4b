namespace BacklogFlow.Cli.Bench;

/// <summary>
/// Runs the asked benchmarks in turn against the configured servers: probes them first, skips (and
/// says why) every benchmark whose server is missing, and gives each the same scratch-database
/// supply, dropped at the end.
/// </summary>
internal sealed class BenchRunner(BenchConfiguration configuration, BenchSizes sizes, TimeProvider time, Action<string> progress)
{
    /// <summary>Every benchmark, in the order `all` runs them (intake first, so its peak RSS is not inflated by seeding).</summary>
    public static readonly IReadOnlyList<string> All = [IntakeBenchmark.Name, ClaimBenchmark.Name, RebalanceBenchmark.Name, SweepBenchmark.Name, FairnessBenchmark.Name];

    public async Task<BenchReport> RunAsync(IReadOnlyList<string> benchmarks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        progress("probing PostgreSQL and RabbitMQ");
        var servers = await BenchServers.ProbeAsync(configuration, cancellationToken);
        var sections = new List<BenchSection>();
        await using var scratch = new ScratchDatabases(configuration.Database.ConnectionString);
        var context = new BenchContext(configuration, sizes, scratch, time, progress);
        foreach (var name in benchmarks)
        {
            if (await MissingAsync(name, servers, cancellationToken) is { } reason)
            {
                progress($"{name}: skipped: {reason}");
                sections.Add(BenchSection.Skipped(name, reason));
                continue;
            }

            var section = name switch
            {
                IntakeBenchmark.Name => await IntakeBenchmark.RunAsync(context, cancellationToken),
                ClaimBenchmark.Name => await ClaimBenchmark.RunAsync(context, cancellationToken),
                RebalanceBenchmark.Name => await RebalanceBenchmark.RunAsync(context, cancellationToken),
                SweepBenchmark.Name => await SweepBenchmark.RunAsync(context, cancellationToken),
                FairnessBenchmark.Name => await FairnessBenchmark.RunAsync(context, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(benchmarks), name, "unknown benchmark"),
            };
            sections.Add(section);

            // Said as soon as it is known: a long `all` that is stopped later keeps what it measured.
            progress($"{name}: done: {string.Join(", ", section.Figures.Select(f => $"{f.Key}={f.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}"))}");
        }

        return new BenchReport(MachineDescription.Of(servers), sizes, sections);
    }

    /// <summary>What a benchmark needs that is not there, in words; null when it can run.</summary>
    private async Task<string?> MissingAsync(string name, BenchServers servers, CancellationToken cancellationToken)
    {
        if (!servers.HasPostgreSql)
        {
            return servers.PostgreSqlProblem;
        }

        if (name != IntakeBenchmark.Name)
        {
            return null;
        }

        return servers.HasRabbitMq
            ? await IntakeBenchmark.CheckVirtualHostAsync(configuration, cancellationToken)
            : servers.RabbitMqProblem;
    }
}
