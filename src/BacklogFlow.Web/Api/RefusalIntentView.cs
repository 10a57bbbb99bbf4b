using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Web.Api;

/// <summary>
/// The first reviewer's intent to refuse, as the second reviewer needs to see it: who, why, and how
/// long the applicant is heard (a refusal may follow after <see cref="HearingEndsOn"/>, or once a
/// response is recorded).
/// </summary>
public sealed record RefusalIntentView(
    string IntendedBy, DateTimeOffset IntendedAt, string Reason, DateOnly HearingEndsOn, DateTimeOffset? ResponseRecordedAt)
{
    public static RefusalIntentView? Of(ApplicationCase shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        return shown is { RefusalIntendedBy: { } by, RefusalIntendedAt: { } at, RefusalIntentReason: { } reason, HearingEndsOn: { } endsOn }
            ? new(by, at, reason, endsOn, shown.HearingResponseAt)
            : null;
    }
}
