using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace BacklogFlow.Web.Api;

/// <summary>
/// ETag and If-Match for supervisor edits: every edit must name the version it was made against, so
/// two supervisors never silently overwrite each other. Without If-Match an edit is refused (428);
/// a stale one is refused by the engine (412, see <see cref="DomainExceptionHandler"/>).
/// </summary>
public static class EntityTags
{
    public static string OfVersion(int version) => $"\"v{version}\"";

    public static string OfFingerprint(string fingerprint) => $"\"{fingerprint}\"";

    public static void Set(HttpResponse response, string entityTag)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = entityTag;
    }

    /// <summary>The opaque value the request's If-Match names, or null when it names none.</summary>
    public static string? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EntityTagHeaderValue.TryParseList([.. request.Headers.IfMatch.OfType<string>()], out var tags) && tags.Count == 1 && !tags[0].IsWeak
            ? tags[0].Tag.Value?.Trim('"')
            : null;
    }

    /// <summary>The version the request's If-Match names; -1 (never current) when it names something else.</summary>
    public static int? IfMatchVersion(HttpRequest request) =>
        IfMatch(request) is not { } tag ? null
        : tag.StartsWith('v') && int.TryParse(tag.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version
        : -1;

    public static ProblemHttpResult Required() =>
        TypedResults.Problem(
            "this edit needs an If-Match header with the ETag of what you edited (GET it first), so that no one else's change is overwritten",
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match required");
}
