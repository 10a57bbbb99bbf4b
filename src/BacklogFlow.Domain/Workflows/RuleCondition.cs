using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// The "when" of a routing rule or priority class. Every criterion that is given must match; an
/// empty condition matches everything (a catch-all).
/// </summary>
public sealed record RuleCondition
{
    public static readonly RuleCondition Always = new();

    public ScreeningResult? Screening { get; init; }
    public IReadOnlySet<MandatoryStatus>? Mandatory { get; init; }
    public IReadOnlySet<string>? Sectors { get; init; }
    public IReadOnlySet<string>? Profiles { get; init; }
    public IReadOnlySet<string>? Channels { get; init; }

    public bool IsCatchAll =>
        Screening is null && Mandatory is null && Sectors is null && Profiles is null && Channels is null;

    public bool Matches(CaseFacts facts) =>
        (Screening is null || facts.Screening == Screening)
        && (Mandatory is null || Mandatory.Contains(facts.Mandatory))
        && (Sectors is null || (facts.Sector is not null && Sectors.Contains(facts.Sector)))
        && (Profiles is null || (facts.ScreeningProfile is not null && Profiles.Contains(facts.ScreeningProfile)))
        && (Channels is null || Channels.Contains(facts.Channel));
}
