using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Observability;

/// <summary>Configuration section "BacklogFlow:Observability".</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "BacklogFlow:Observability";

    /// <summary>
    /// Where an engine worker serves /health/live, /health/ready and /metrics (semicolon-separated
    /// URLs; port 0 picks a free port and logs it). 9464 is the port OpenTelemetry's Prometheus
    /// exporter conventionally uses. In a container, bind 0.0.0.0.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Urls { get; set; } = "http://127.0.0.1:9464";

    /// <summary>The service name traces and metrics carry.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServiceName { get; set; } = "backlogflow";
}
