using BacklogFlow.Contracts;
using BacklogFlow.Domain.Applicants;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// Turns a message into a valid application or a list of every problem with it. Lists them all, so
/// the legacy system's operators can mend a message in one go.
/// </summary>
public static class ApplicationValidator
{
    public const int MaxIdLength = 100;

    /// <summary>A receipt may lie this far in the future of our clock (clock skew), no further.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public static (ApplicationDetails? Application, IReadOnlyList<string> Problems) Validate(
        ApplicationSubmitted message, WorkflowCatalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<string>();

        var applicationId = RequiredId(message.ApplicationId, "applicationId", problems);
        var sourceSystem = RequiredId(message.SourceSystem, "sourceSystem", problems);

        if (string.IsNullOrWhiteSpace(message.Product))
        {
            problems.Add("product is missing");
        }
        else if (!catalog.TryGet(message.Product, out _))
        {
            problems.Add($"product '{message.Product}' is unknown (known: {string.Join(", ", catalog.Products)})");
        }

        if (string.IsNullOrWhiteSpace(message.ApplicantReference))
        {
            problems.Add("applicantReference is missing");
        }
        else if (ApplicantReference.LooksLikeCitizenServiceNumber(message.ApplicantReference))
        {
            // Never echo the number itself: it must not reach the quarantine detail or any log.
            problems.Add("applicantReference looks like a citizen service number (BSN) in the clear; send a pseudonymous reference");
        }
        else if (message.ApplicantReference.Length > MaxIdLength)
        {
            problems.Add($"applicantReference is longer than {MaxIdLength} characters");
        }

        if (string.IsNullOrWhiteSpace(message.Channel))
        {
            problems.Add("channel is missing");
        }
        else if (!Channels.All.Contains(message.Channel))
        {
            problems.Add($"channel '{message.Channel}' is unknown (known: {string.Join(", ", Channels.All)})");
        }

        if (message.ReceivedAt is not { } receivedAt)
        {
            problems.Add("receivedAt is missing");
        }
        else if (receivedAt > now + ClockSkewAllowance)
        {
            problems.Add($"receivedAt {receivedAt:O} lies in the future");
        }
        else if (message.IntendedSubmissionDate is { } intended
            && DeadlineLedger.IntendedSubmissionProblem(intended, LegalTime.ToLegalDate(receivedAt)) is { } problem)
        {
            problems.Add($"intendedSubmissionDate: {problem}");
        }

        var aspects = message.FunctionAspects ?? [];
        if (aspects.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("functionAspects contains an empty code");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new ApplicationDetails(
            sourceSystem!,
            applicationId!,
            message.Product!,
            message.ApplicantReference!,
            Blank(message.ScreeningProfile),
            aspects.Select(a => a.Trim()).ToArray(),
            Blank(message.Sector),
            message.Channel!,
            message.ReceivedAt!.Value.ToUniversalTime(),
            message.IntendedSubmissionDate), problems);
    }

    private static string? RequiredId(string? value, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is missing");
            return null;
        }

        if (value.Length > MaxIdLength)
        {
            problems.Add($"{name} is longer than {MaxIdLength} characters");
            return null;
        }

        return value;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
