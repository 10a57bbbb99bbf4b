namespace BacklogFlow.Planning;

/// <summary>
/// The words of a plan's chart, so a page can draw it in its language. <see cref="Open"/> takes the
/// number of reviewers as {0}, <see cref="MandatoryOpen"/> the policy's name.
/// </summary>
public sealed record ChartLabels(string Received, string Decided, string Open, string MandatoryOpen)
{
    public static ChartLabels English { get; } = new("received per day", "decided per day", "open at the end of the day ({0} reviewers)", "mandatory open, {0}");
}
