namespace BacklogFlow.Cli.Tests.Support;

/// <summary>
/// Test classes that use the machine's one RabbitMQ run one after another, not in parallel: the
/// backbone tests stop and start the broker, which would fail whatever else was using it then.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedBrokerCollection
{
    public const string Name = "the machine's RabbitMQ";
}
