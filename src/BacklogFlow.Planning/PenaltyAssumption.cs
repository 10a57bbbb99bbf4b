namespace BacklogFlow.Planning;

/// <summary>
/// Penalty for deciding late (Awb 4:17) needs a notice of default: this share of applicants whose
/// case passes its legal deadline send one, received <see cref="NoticeAfterDays"/> days after the
/// deadline. The amounts are the domain's (<c>PenaltyTariffs.Awb417</c>).
/// </summary>
public sealed record PenaltyAssumption(double NoticeShare, int NoticeAfterDays);
