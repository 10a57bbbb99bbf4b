using System.Net.Mime;
using MassTransit;

namespace BacklogFlow.Engine.Messaging;

/// <summary>
/// Puts exactly the given body on the wire, whatever the message object says: for replaying a
/// quarantined message byte for byte, and for sending what a broken legacy system sends.
/// Use per publish: <c>context.Serializer = new RawBodySerializer(body)</c>.
/// </summary>
public sealed class RawBodySerializer(string body, string contentType = "application/json") : IMessageSerializer
{
    public ContentType ContentType { get; } = new(contentType);

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class => new StringMessageBody(body);
}
