using System.Text;
using System.Text.Json;
using BacklogFlow.Contracts;

namespace BacklogFlow.Engine.Quarantine;

/// <summary>
/// How a message body is kept in quarantine and read back: text as text, anything that is not UTF-8
/// as base64 (so nothing is altered); the ids where the body is JSON that has them, plain or inside
/// a MassTransit envelope's "message".
/// </summary>
public static class QuarantinedPayload
{
    private const string Base64Prefix = "base64:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string FromBody(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Base64Prefix + Convert.ToBase64String(body);
        }
    }

    /// <summary>The sender's ids, when the body is JSON that has them, so a rejection reaches the right sender.</summary>
    public static (string? SourceSystem, string? ApplicationId) BestEffortIds(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = Application(document.RootElement);
            return root.ValueKind == JsonValueKind.Object ? (Text(root, "sourceSystem"), Text(root, "applicationId")) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>
    /// The application in a kept payload, for a replay; null with the reason when the payload cannot
    /// be one (not JSON, not an object, fields of the wrong type).
    /// </summary>
    public static ApplicationSubmitted? TryReadApplication(string payload, out string problem)
    {
        ArgumentNullException.ThrowIfNull(payload);
        problem = "";
        if (payload.StartsWith(Base64Prefix, StringComparison.Ordinal))
        {
            problem = "the body is not text (kept as base64)";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = Application(document.RootElement);
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the body is JSON, but not an object";
                return null;
            }

            return root.Deserialize<ApplicationSubmitted>(Json);
        }
        catch (JsonException ex)
        {
            problem = $"the body cannot be read as an application: {ex.Message.Split('\n', 2)[0].Trim()}";
            return null;
        }
    }

    private static JsonElement Application(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object
            ? inner
            : root;
}
