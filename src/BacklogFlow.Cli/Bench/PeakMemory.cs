using System.Globalization;

namespace BacklogFlow.Cli.Bench;

/// <summary>
/// This process's peak resident set (Linux VmHWM in /proc/self/status). Writing 5 to
/// /proc/self/clear_refs resets the peak to the current RSS, so the peak of one phase can be read
/// on its own; where that is refused the peak is the process's lifetime peak, and says so.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Resets the peak; false when the kernel refused (the next reading is then the lifetime peak).</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The peak resident set in MB of this process (or of process <paramref name="processId"/>), or NaN where /proc is not there.</summary>
    public static double PeakMegabytes(int? processId = null)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId?.ToString(CultureInfo.InvariantCulture) ?? "self"}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null
                ? double.NaN
                : long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
