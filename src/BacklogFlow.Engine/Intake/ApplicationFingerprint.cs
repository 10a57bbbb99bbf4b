using System.Security.Cryptography;
using System.Text;
using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Engine.Intake;

/// <summary>
/// A hash of everything that makes an application what it is. Two messages with the same key and
/// fingerprint are the same application sent twice; a different fingerprint is a conflict.
/// </summary>
public static class ApplicationFingerprint
{
    public static string Of(ApplicationDetails application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var canonical = string.Join('\u001f',
            application.SourceSystem,
            application.ApplicationId,
            application.Product,
            application.ApplicantReference,
            application.ScreeningProfile ?? "",
            string.Join(' ', application.FunctionAspects),
            application.Sector ?? "",
            application.Channel,
            application.ReceivedAt.UtcTicks,
            application.IntendedSubmissionDate?.ToString("yyyy-MM-dd") ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Names the fields in which a resend differs from the case on file, for the quarantine detail.</summary>
    public static IReadOnlyList<string> Differences(ApplicationCase known, ApplicationDetails resend)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(resend);
        var differences = new List<string>();
        void Compare(string name, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                differences.Add(name);
            }
        }

        Compare("product", known.Product, resend.Product);
        Compare("applicantReference", known.ApplicantReference, resend.ApplicantReference);
        Compare("screeningProfile", known.ScreeningProfile, resend.ScreeningProfile);
        Compare("functionAspects", known.FunctionAspects, string.Join(' ', resend.FunctionAspects));
        Compare("sector", known.Sector, resend.Sector);
        Compare("channel", known.Channel, resend.Channel);
        Compare("receivedAt", known.ReceivedAt.UtcTicks, resend.ReceivedAt.UtcTicks);
        Compare("intendedSubmissionDate", known.IntendedSubmissionDate, resend.IntendedSubmissionDate);
        return differences;
    }
}
