using System.Runtime.InteropServices;

namespace BacklogFlow.Cli.Bench;

/// <summary>The machine the figures were measured on: without it a figure means nothing.</summary>
internal sealed record MachineDescription(int Cores, string OperatingSystem, string DotNet, string? PostgreSql, string? RabbitMq, bool ServerGc)
{
    public static MachineDescription Of(BenchServers servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        return new MachineDescription(
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            servers.PostgreSqlVersion,
            servers.RabbitMqVersion,
            System.Runtime.GCSettings.IsServerGC);
    }
}
