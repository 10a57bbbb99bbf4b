using System.Globalization;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// CPU time spent during one contender's run by each party on this machine: the bench's own process
/// (engine, publisher and legacy side, or a baseline), the broker (RabbitMQ's <c>beam.smp</c>) and
/// the database (every <c>postgres</c> process, plus the backends that ended meanwhile: their time
/// is in the postmaster's reaped children's). On two shared cores the contenders' times are these
/// parts' sum, so the split says where a contender's time went and what a baseline leaves out.
/// Read from <c>/proc</c>; a server that runs elsewhere is not seen and its figure is NaN.
/// </summary>
internal sealed record CpuUse(TimeSpan Bench, TimeSpan? Broker, TimeSpan? Database)
{
    /// <summary>
    /// The kernel's unit for the times in <c>/proc/PID/stat</c> (USER_HZ): 100 per second on every
    /// architecture Linux supports for this, whatever the kernel's own tick rate.
    /// </summary>
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time each party has used so far.</summary>
    public static CpuUse Now()
    {
        var stats = ProcessStats().ToList();
        var postgres = stats.Where(s => s.Command == "postgres").ToList();
        var postgresIds = postgres.Select(s => s.Id).ToHashSet();
        var beam = stats.Where(s => s.Command == "beam.smp").ToList();
        return new CpuUse(
            Environment.ProcessId is var self && stats.FirstOrDefault(s => s.Id == self) is { } me ? me.Own : TimeSpan.Zero,
            beam.Count == 0 ? null : Sum(beam.Select(s => s.Own)),
            postgres.Count == 0 ? null : Sum(postgres.Select(s => postgresIds.Contains(s.ParentId) ? s.Own : s.Own + s.ReapedChildren)));
    }

    /// <summary>What each party used between <paramref name="earlier"/> and this reading.</summary>
    public CpuUse Since(CpuUse earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new CpuUse(Bench - earlier.Bench, Broker - earlier.Broker, Database - earlier.Database);
    }

    /// <summary>Measures what each party used while <paramref name="run"/> ran.</summary>
    public static async Task<(T Result, CpuUse Cpu)> MeasureAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var before = Now();
        var result = await run();
        return (result, Now().Since(before));
    }

    /// <summary>Milliseconds of CPU per message, NaN when the party was not seen.</summary>
    public static double MillisecondsPer(TimeSpan? cpu, int messages) =>
        cpu is { } time && messages > 0 ? time.TotalMilliseconds / messages : double.NaN;

    /// <summary>One process's line of <c>/proc/PID/stat</c>: its command, parent, and CPU times.</summary>
    internal sealed record ProcessStat(int Id, string Command, int ParentId, TimeSpan Own, TimeSpan ReapedChildren)
    {
        /// <summary>
        /// Parses a stat line. The command is in parentheses and may itself hold spaces or
        /// parentheses, so the fields are counted from the last ')': state, ppid, ... utime (14th
        /// field), stime, cutime, cstime.
        /// </summary>
        public static ProcessStat? Parse(string line)
        {
            var open = line.IndexOf('(', StringComparison.Ordinal);
            var close = line.LastIndexOf(')');
            if (open < 1 || close < open
                || !int.TryParse(line.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 15
                || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent)
                || !long.TryParse(fields[11], CultureInfo.InvariantCulture, out var user)
                || !long.TryParse(fields[12], CultureInfo.InvariantCulture, out var system)
                || !long.TryParse(fields[13], CultureInfo.InvariantCulture, out var childrenUser)
                || !long.TryParse(fields[14], CultureInfo.InvariantCulture, out var childrenSystem))
            {
                return null;
            }

            return new ProcessStat(id, line[(open + 1)..close], parent,
                TimeSpan.FromSeconds((user + system) / TicksPerSecond), TimeSpan.FromSeconds((childrenUser + childrenSystem) / TicksPerSecond));
        }
    }

    private static IEnumerable<ProcessStat> ProcessStats()
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            // Processes only: /proc/self would count this process twice.
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            string line;
            try
            {
                line = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not a process, or one that ended while we looked.
                continue;
            }

            if (ProcessStat.Parse(line) is { } stat)
            {
                yield return stat;
            }
        }
    }

    private static TimeSpan Sum(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (sum, time) => sum + time);
}
