namespace BacklogFlow.Contracts;

/// <summary>The outcome strings of <see cref="ApplicationDecided.Outcome"/>.</summary>
public static class DecisionOutcomes
{
    public const string Issued = "issued";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";
}
