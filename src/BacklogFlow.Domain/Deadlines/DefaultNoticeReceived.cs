namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// A written notice of default (ingebrekestelling, Awb 4:17) was received on <see cref="ReceivedOn"/>.
/// It counts only when received after the legal deadline; a premature notice does not count.
/// </summary>
public sealed record DefaultNoticeReceived(DateOnly ReceivedOn) : LedgerEvent
{
    public override DateOnly Date => ReceivedOn;
}
