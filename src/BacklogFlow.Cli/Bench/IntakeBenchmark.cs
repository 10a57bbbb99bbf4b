using BacklogFlow.Cli.Hosting;
using BacklogFlow.Cli.Surge;
using BacklogFlow.Engine.Intake;
using BacklogFlow.Engine.Messaging;
using BacklogFlow.Engine.Observability;
using BacklogFlow.Engine.Persistence;
using BacklogFlow.Engine.Simulation;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// A surge of applications through the whole engine on PostgreSQL + RabbitMQ (the surge machinery:
/// <see cref="SurgeRunner"/> publishes, the engine persists, computes deadlines, screens and routes,
/// and the run ends when every message is accounted for and every reply came back), against two
/// baselines in the same rounds: a bare MassTransit send + no-op consume, and raw RabbitMQ.Client
/// with one INSERT per message. Also a duplicate storm of the same size through the engine (what it
/// costs, and that it creates one case per application), the engine's peak RSS and the embedded
/// default (in-memory bus + SQLite file) for the same surge.
/// </summary>
internal static class IntakeBenchmark
{
    public const string Name = "intake";

    /// <summary>Resends per application in the duplicate-storm run (issue 6: "the same application resent up to five times").</summary>
    private const int StormResends = 4;

    /// <summary>Why the configured virtual host cannot be used, or null when it can.</summary>
    public static async Task<string?> CheckVirtualHostAsync(BenchConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var rabbit = configuration.RabbitMq;
        var intakeQueue = configuration.Intake.QueueName;
        return await BenchQueues.ExistsAsync(rabbit, intakeQueue, cancellationToken)
            ? $"needs a RabbitMQ virtual host no engine uses: '{rabbit.VirtualHost}' has the intake queue '{intakeQueue}', which would receive a copy "
              + "of every application the bench publishes (and workers on it would take them in). Create one, e.g. "
              + $"`rabbitmqctl add_vhost backlogflow-bench && rabbitmqctl set_permissions -p backlogflow-bench {rabbit.Username} '.*' '.*' '.*'`, "
              + "and run with BacklogFlow__Messaging__RabbitMq__VirtualHost=backlogflow-bench"
            : null;
    }

    public static async Task<BenchSection> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var sizes = context.Sizes;
        var configuration = context.Configuration;
        var rabbit = configuration.RabbitMq;
        var concurrency = configuration.Intake.ConcurrentMessageLimit;
        List<IntakeRun> engineRuns = [], workerRuns = [], stormRuns = [], massTransitRuns = [], rawRuns = [], embeddedRuns = [];
        List<double> stormCases = [], stormDuplicates = [];
        List<double> enginePeaks = [], workerPeaks = [], embeddedPeaks = [];
        List<(GcUse Gc, int Messages)> engineGcs = [], massTransitGcs = [], embeddedGcs = [];
        List<(CpuUse Cpu, int Messages)> engineCpus = [], workerCpus = [], massTransitCpus = [], rawCpus = [], embeddedCpus = [];
        List<double> workerProcessCpus = [];
        var peakIsPerRun = true;
        var accounted = true;
        if (await BenchQueues.DeleteLeftoversAsync(rabbit) is { Count: > 0 } leftovers)
        {
            context.Progress($"intake: deleted {leftovers.Count} queue(s) an earlier, stopped run left on '{rabbit.VirtualHost}': {string.Join(", ", leftovers)}");
        }

        for (var round = 1; round <= sizes.Rounds; round++)
        {
            var tag = $"{context.RunId}-{round}";
            var specification = new SurgeSpecification(
                sizes.Applications, 0, 0, 0, Seed: round, SourceSystem: $"bench-{tag}", Now: context.Time.GetUtcNow());
            var messages = SyntheticSurge.Generate(specification).Select(m => m.Message).ToList();
            var connectionString = await context.Scratch.CreateAsync("intake", cancellationToken);

            context.Progress($"intake: round {round}/{sizes.Rounds}: engine, {specification.MessageCount:N0} messages");
            var engineQueue = $"bench-intake-{tag}";
            var engineSettings = await EngineOnServersAsync(configuration, connectionString, engineQueue, cancellationToken);
            var (((engine, enginePeak, reset), engineGc), engineCpu) = await BenchQueues.UsingAsync(rabbit, BenchQueues.WithSideQueues(engineQueue),
                () => CpuUse.MeasureAsync(() => GcUse.MeasureAsync(() => SurgeAsync(specification, engineSettings, sizes.IntakeTimeout, cancellationToken))));
            engineGcs.Add((engineGc, specification.MessageCount));
            engineCpus.Add((engineCpu, specification.MessageCount));
            engineRuns.Add(engine.Run);
            enginePeaks.Add(enginePeak);
            peakIsPerRun &= reset;
            accounted &= engine.Result.AllAccountedFor;

            // The same surge with the engine in a worker process of its own, as production runs it:
            // its time without the publisher and the legacy side beside it, and its own peak memory.
            context.Progress($"intake: round {round}/{sizes.Rounds}: engine in its own worker process, {specification.MessageCount:N0} messages");
            var workerQueue = $"bench-worker-{tag}";
            var workerSettings = await EngineOnServersAsync(
                configuration, await context.Scratch.CreateAsync("worker", cancellationToken), workerQueue, cancellationToken);
            var (worker, workerPeak, workerCpu, workerProcessCpu) = await BenchQueues.UsingAsync(rabbit, BenchQueues.WithSideQueues(workerQueue),
                () => SurgeThroughWorkerAsync(specification with { SourceSystem = $"bench-worker-{tag}" }, workerSettings, sizes.IntakeTimeout, cancellationToken));
            workerRuns.Add(worker.Run);
            workerCpus.Add((workerCpu, specification.MessageCount));
            workerProcessCpus.Add(CpuUse.MillisecondsPer(workerProcessCpu, specification.MessageCount));
            workerPeaks.Add(workerPeak);
            accounted &= worker.Result.AllAccountedFor;

            // A duplicate storm of the same size: a fifth of the applications, each resent four
            // times on average (the legacy system retrying), in random order.
            var storm = specification with
            {
                Applications = Math.Max(1, sizes.Applications / (1 + StormResends)),
                DuplicateFraction = StormResends,
                SourceSystem = $"bench-storm-{tag}",
            };
            context.Progress($"intake: round {round}/{sizes.Rounds}: engine, duplicate storm of {storm.MessageCount:N0} messages");
            var stormQueue = $"bench-storm-{tag}";
            var stormSettings = await EngineOnServersAsync(
                configuration, await context.Scratch.CreateAsync("storm", cancellationToken), stormQueue, cancellationToken);
            var (stormed, _, _) = await BenchQueues.UsingAsync(rabbit, BenchQueues.WithSideQueues(stormQueue),
                () => SurgeAsync(storm, stormSettings, sizes.IntakeTimeout, cancellationToken));
            stormRuns.Add(stormed.Run);
            stormCases.Add(stormed.Result.Account.Accepted);
            stormDuplicates.Add(stormed.Result.Account.DuplicatesIgnored);
            accounted &= stormed.Result.AllAccountedFor && stormed.Result.Account.Accepted == storm.Applications;

            context.Progress($"intake: round {round}/{sizes.Rounds}: bare MassTransit");
            var massTransitQueue = $"bench-masstransit-{tag}";
            var ((massTransit, massTransitGc), massTransitCpu) = await BenchQueues.UsingAsync(rabbit, [.. BenchQueues.WithSideQueues(massTransitQueue), BareMassTransitIntake.PublishExchange(massTransitQueue)],
                () => CpuUse.MeasureAsync(() => GcUse.MeasureAsync(() => BareMassTransitIntake.RunAsync(rabbit, concurrency, massTransitQueue, messages, sizes.IntakeTimeout, cancellationToken))));
            massTransitRuns.Add(massTransit);
            massTransitCpus.Add((massTransitCpu, messages.Count));
            massTransitGcs.Add((massTransitGc, messages.Count));

            context.Progress($"intake: round {round}/{sizes.Rounds}: raw RabbitMQ.Client + INSERT");
            var rawQueue = $"bench-raw-{tag}";
            var (raw, rawCpu) = await BenchQueues.UsingAsync(rabbit, [rawQueue],
                () => CpuUse.MeasureAsync(() => RawRabbitIntake.RunAsync(rabbit, concurrency, rawQueue, connectionString, messages, sizes.IntakeTimeout, cancellationToken)));
            rawRuns.Add(raw);
            rawCpus.Add((rawCpu, messages.Count));

            context.Progress($"intake: round {round}/{sizes.Rounds}: embedded default (in-memory bus + SQLite)");
            var file = Path.Combine(Path.GetTempPath(), $"backlogflow-bench-{tag}.db");
            try
            {
                var (((embedded, embeddedPeak, embeddedReset), embeddedGc), embeddedCpu) = await CpuUse.MeasureAsync(() => GcUse.MeasureAsync(() => SurgeAsync(specification with { SourceSystem = $"bench-embedded-{tag}" }, configuration.With(new Dictionary<string, string?>
                {
                    [$"{DatabaseOptions.Section}:Provider"] = nameof(DatabaseProvider.Sqlite),
                    [$"{DatabaseOptions.Section}:ConnectionString"] = $"Data Source={file}",
                    [$"{MessagingOptions.Section}:Transport"] = nameof(BusTransport.InMemory),
                }), sizes.IntakeTimeout, cancellationToken)));
                embeddedGcs.Add((embeddedGc, specification.MessageCount));
                embeddedCpus.Add((embeddedCpu, specification.MessageCount));
                embeddedRuns.Add(embedded.Run);
                embeddedPeaks.Add(embeddedPeak);
                peakIsPerRun &= embeddedReset;
                accounted &= embedded.Result.AllAccountedFor;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var leftover in new[] { file, $"{file}-wal", $"{file}-shm" })
                {
                    File.Delete(leftover);
                }
            }
        }

        var section = new BenchSection(Name);
        section.Add("applications", "applications per run", sizes.Applications, "applications");
        section.Add("concurrentMessageLimit", "intake concurrency (BacklogFlow:Intake:ConcurrentMessageLimit)", concurrency, "messages");
        section.Add("prefetchCount", "prefetch (BacklogFlow:Messaging:RabbitMq:PrefetchCount)", rabbit.PrefetchCount, "messages");
        section.Add("admissionPerSecond", "admission limit (BacklogFlow:Intake:AdmissionPerSecond)", configuration.Intake.AdmissionPerSecond, "msg/s");
        section.Add("allAccountedFor", "engine and embedded: every message accounted for in every round (1 = yes)", accounted ? 1 : 0, "bool");
        Report(section, "engine", "engine (PostgreSQL + RabbitMQ)", engineRuns);
        Report(section, "worker", "engine in its own worker process (PostgreSQL + RabbitMQ)", workerRuns);
        Report(section, "storm", "engine, duplicate storm (a fifth of the applications, each resent 4 times on average)", stormRuns);
        section.Measured("stormCasesCreated", "duplicate storm: cases created (= its applications)", "cases", stormCases);
        section.Measured("stormDuplicatesIgnored", "duplicate storm: resends counted and ignored", "messages", stormDuplicates);
        Report(section, "massTransit", "baseline (a): bare MassTransit, no-op consumer", massTransitRuns);
        Report(section, "raw", "baseline (b): RabbitMQ.Client + INSERT ... ON CONFLICT", rawRuns);
        Report(section, "embedded", "embedded default (in-memory bus + SQLite)", embeddedRuns);
        var engineRate = Statistics.Median([.. engineRuns.Select(r => r.MessagesPerSecond)]);
        section.Ratio("ratioEngineToMassTransit", "msgs/s engine / bare MassTransit", engineRate, Statistics.Median([.. massTransitRuns.Select(r => r.MessagesPerSecond)]));
        section.Ratio("ratioEngineToRaw", "msgs/s engine / raw RabbitMQ.Client + INSERT", engineRate, Statistics.Median([.. rawRuns.Select(r => r.MessagesPerSecond)]));
        section.Ratio("ratioStormToEngine", "msgs/s duplicate storm / engine (all new)", Statistics.Median([.. stormRuns.Select(r => r.MessagesPerSecond)]), engineRate);
        ReportGc(section, "engine", "engine (PostgreSQL + RabbitMQ)", engineGcs);
        ReportGc(section, "massTransit", "bare MassTransit", massTransitGcs);
        ReportGc(section, "embedded", "embedded default", embeddedGcs);
        ReportCpu(section, "engine", "engine (PostgreSQL + RabbitMQ), bench process with publisher and legacy side", engineCpus);
        ReportCpu(section, "worker", "engine in its own worker process, bench process publishing and counting", workerCpus);
        section.Measured("workerProcessCpuMsPerMessage", "engine in its own worker process: CPU of the worker process per message, from ready to the surge's end", "ms", workerProcessCpus);
        ReportCpu(section, "massTransit", "bare MassTransit", massTransitCpus);
        ReportCpu(section, "raw", "raw RabbitMQ.Client + INSERT", rawCpus);
        ReportCpu(section, "embedded", "embedded default (one process)", embeddedCpus);
        section.Measured("enginePeakRssMb", "peak RSS during the engine's run (VmHWM)", "MB", enginePeaks);
        section.Measured("workerPeakRssMb", "peak RSS of the engine's own worker process during its surge (VmHWM, start-up included)", "MB", workerPeaks);
        section.Measured("embeddedPeakRssMb", "peak RSS during the embedded run (VmHWM)", "MB", embeddedPeaks);
        section.Note("the engine runs in-process with the bench (as `surge` runs it): its peak RSS is this process's, publisher and surge generator included"
            + (peakIsPerRun ? "; the peak is reset before each run (/proc/self/clear_refs)" : "; the kernel refused to reset the peak, so it is the process's lifetime peak"));
        section.Note("the worker contender is `backlogflow worker` in a process of its own (ready on /health/ready before the first publish); the bench only publishes and counts: its peak RSS is the engine's alone");
        section.Note("CPU per message: read from /proc for this process, RabbitMQ (beam.smp) and PostgreSQL (every postgres process, ended backends included) over each run; NaN where a server runs on another machine");
        section.Note("engine time runs from the first publish until every message is accounted for and every decision and rejection came back to the legacy side");
        section.Note($"each contender has its own queue on virtual host '{rabbit.VirtualHost}' (bench-*-{context.RunId}-N, deleted afterwards) and each round its own scratch database");
        return section;
    }

    /// <summary>The engine's settings on PostgreSQL and RabbitMQ with an intake queue of its own, declared.</summary>
    private static async Task<IReadOnlyDictionary<string, string?>> EngineOnServersAsync(
        BenchConfiguration configuration, string connectionString, string intakeQueue, CancellationToken cancellationToken)
    {
        var settings = configuration.With(new Dictionary<string, string?>
        {
            [$"{DatabaseOptions.Section}:Provider"] = nameof(DatabaseProvider.PostgreSql),
            [$"{DatabaseOptions.Section}:ConnectionString"] = connectionString,
            [$"{MessagingOptions.Section}:Transport"] = nameof(BusTransport.RabbitMq),
            [$"{IntakeOptions.Section}:QueueName"] = intakeQueue,
        });
        await IntakeTopology.DeclareAsync(settings, cancellationToken);
        return settings;
    }

    private static void Report(BenchSection section, string key, string label, IReadOnlyList<IntakeRun> runs)
    {
        section.Measured($"{key}TakenIn", $"{label}: messages taken in", "messages", [.. runs.Select(r => (double)r.TakenIn)]);
        section.Measured($"{key}Seconds", $"{label}: seconds", "s", [.. runs.Select(r => r.Elapsed.TotalSeconds)]);
        section.Measured($"{key}MessagesPerSecond", $"{label}: msgs/s", "msgs/s", [.. runs.Select(r => r.MessagesPerSecond)]);
        section.Add($"{key}TimedOut", $"{label}: runs that timed out", runs.Count(r => r.TimedOut), "runs");
    }

    private static void ReportCpu(BenchSection section, string key, string label, IReadOnlyList<(CpuUse Cpu, int Messages)> runs)
    {
        section.Measured($"{key}BenchCpuMsPerMessage", $"{label}: CPU of the bench process per message", "ms",
            [.. runs.Select(r => CpuUse.MillisecondsPer(r.Cpu.Bench, r.Messages))]);
        section.Measured($"{key}BrokerCpuMsPerMessage", $"{label}: CPU of RabbitMQ per message", "ms",
            [.. runs.Select(r => CpuUse.MillisecondsPer(r.Cpu.Broker, r.Messages))]);
        section.Measured($"{key}DatabaseCpuMsPerMessage", $"{label}: CPU of PostgreSQL per message", "ms",
            [.. runs.Select(r => CpuUse.MillisecondsPer(r.Cpu.Database, r.Messages))]);
    }

    private static void ReportGc(BenchSection section, string key, string label, IReadOnlyList<(GcUse Gc, int Messages)> runs)
    {
        section.Measured($"{key}AllocatedKbPerMessage", $"{label}: managed memory allocated per message (host start included)", "KB",
            [.. runs.Select(r => r.Gc.KilobytesPer(r.Messages))]);
        section.Measured($"{key}GcPausedShare", $"{label}: share of the run's time paused for garbage collection", "share",
            [.. runs.Select(r => r.Gc.PausedShare)]);
    }

    /// <summary>
    /// Starts a worker, waits until it is ready, publishes the surge from here and reads the worker's
    /// peak memory; the CPU of every party and of the worker process, from ready to the surge's end.
    /// </summary>
    private static async Task<((IntakeRun Run, SurgeResult Result), double PeakMb, CpuUse Cpu, TimeSpan WorkerCpu)> SurgeThroughWorkerAsync(
        SurgeSpecification specification, IReadOnlyDictionary<string, string?> configuration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(configuration) { [$"{ObservabilityOptions.Section}:Urls"] = "http://127.0.0.1:0" };
        await using var worker = await WorkerProcess.StartAsync(settings, cancellationToken);
        await worker.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
        using var process = System.Diagnostics.Process.GetProcessById(worker.Id);
        var workerBefore = process.TotalProcessorTime;
        var (result, cpu) = await CpuUse.MeasureAsync(() => new SurgeRunner(specification, settings, EngineRole.Publisher).RunAsync(timeout, progress: null, cancellationToken));
        process.Refresh();
        return ((IntakeRun.Of(result), result), PeakMemory.PeakMegabytes(worker.Id), cpu, process.TotalProcessorTime - workerBefore);
    }

    private static async Task<((IntakeRun Run, SurgeResult Result), double PeakMb, bool PeakReset)> SurgeAsync(
        SurgeSpecification specification, IReadOnlyDictionary<string, string?> configuration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reset = PeakMemory.TryReset();
        var result = await new SurgeRunner(specification, configuration).RunAsync(timeout, progress: null, cancellationToken);
        var peak = PeakMemory.PeakMegabytes();
        return ((IntakeRun.Of(result), result), peak, reset);
    }
}
