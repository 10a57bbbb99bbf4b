namespace BacklogFlow.Testing;

/// <summary>
/// One fresh RabbitMQ virtual host per test, on the broker deploy/local runs, with the engine user
/// (provisioned by deploy/local/provision.sh) allowed everything in it: tests never see each
/// other's queues or messages.
/// </summary>
public static class RabbitMqTestVirtualHosts
{
    public const string EngineUser = "backlogflow-engine";
    public const string EnginePassword = "engine-dev-password";

    public static async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        await LocalServers.EnsureStartedAsync(cancellationToken);
        var name = $"bf-test-{Guid.NewGuid():N}";
        await LocalServers.RunAsync("rabbitmqctl", ["-q", "add_vhost", name], cancellationToken);
        await LocalServers.RunAsync("rabbitmqctl", ["-q", "set_permissions", "-p", name, EngineUser, ".*", ".*", ".*"], cancellationToken);
        return name;
    }

    public static Task DeleteAsync(string name) =>
        LocalServers.RunAsync("rabbitmqctl", ["-q", "delete_vhost", name], CancellationToken.None);

    /// <summary>The engine's settings for a vhost, as configuration keys.</summary>
    public static Dictionary<string, string?> Settings(string virtualHost) => new()
    {
        ["BacklogFlow:Messaging:Transport"] = "RabbitMq",
        ["BacklogFlow:Messaging:RabbitMq:Host"] = "127.0.0.1",
        ["BacklogFlow:Messaging:RabbitMq:VirtualHost"] = virtualHost,
        ["BacklogFlow:Messaging:RabbitMq:Username"] = EngineUser,
        ["BacklogFlow:Messaging:RabbitMq:Password"] = EnginePassword,
    };
}
