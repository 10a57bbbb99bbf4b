namespace BacklogFlow.Web.Security;

/// <summary>Authorization policies by name; see <see cref="SecuritySetup"/>.</summary>
public static class Policies
{
    /// <summary>Takes and decides review tasks: case workers (and supervisors, who may review too).</summary>
    public const string Review = "review";

    /// <summary>Watches and rebalances the backlog, resolves quarantine, reads the audit log.</summary>
    public const string Supervise = "supervise";
}
