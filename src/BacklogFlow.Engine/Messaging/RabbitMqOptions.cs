using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Messaging;

/// <summary>Configuration section "BacklogFlow:Messaging:RabbitMq".</summary>
public sealed class RabbitMqOptions
{
    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required(AllowEmptyStrings = false)]
    public string VirtualHost { get; set; } = "/";

    [Required(AllowEmptyStrings = false)]
    public string Username { get; set; } = "guest";

    [Required(AllowEmptyStrings = false)]
    public string Password { get; set; } = "guest";

    /// <summary>Messages the broker hands each consumer before acknowledgements.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 256;

    /// <summary>Declare the intake queue as a quorum queue (replicated; for a cluster).</summary>
    public bool QuorumQueues { get; set; }
}
