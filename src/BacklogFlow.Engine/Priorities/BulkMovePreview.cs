namespace BacklogFlow.Engine.Priorities;

/// <summary>
/// The dry run of a bulk move: the tasks it would change, by queue and class, and those it matched but
/// leaves alone (a task cannot be assigned to the reviewer who intended its refusal: four eyes).
/// <see cref="Fingerprint"/> identifies exactly these tasks in exactly these versions: the apply must
/// present it (as If-Match), and is refused when the tasks changed since the preview.
/// </summary>
public sealed record BulkMovePreview(
    BulkMove Move,
    int Tasks,
    int LeftAlone,
    IReadOnlyList<BulkMoveGroup> Groups,
    string Fingerprint);
