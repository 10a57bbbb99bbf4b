using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// Which applications are legally mandatory. A sector or profile in a mandatory list makes the case
/// mandatory; a sector in <see cref="NotMandatorySectors"/> makes it not mandatory; anything else
/// (a missing or unknown sector) is <see cref="MandatoryStatus.Unknown"/>.
/// </summary>
public sealed record MandatoryRules(
    IReadOnlySet<string> MandatorySectors,
    IReadOnlySet<string> MandatoryProfiles,
    IReadOnlySet<string> NotMandatorySectors)
{
    public MandatoryStatus Classify(string? sector, string? screeningProfile)
    {
        if ((sector is not null && MandatorySectors.Contains(sector))
            || (screeningProfile is not null && MandatoryProfiles.Contains(screeningProfile)))
        {
            return MandatoryStatus.Mandatory;
        }

        return sector is not null && NotMandatorySectors.Contains(sector)
            ? MandatoryStatus.NotMandatory
            : MandatoryStatus.Unknown;
    }
}
