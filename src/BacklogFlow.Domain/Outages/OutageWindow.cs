namespace BacklogFlow.Domain.Outages;

/// <summary>
/// A registered outage of the service: from <see cref="Start"/> to <see cref="End"/> (inclusive
/// days) for the given products. Applications of those products that the applicant wanted to file
/// during it, or that arrive in the catch-up period after it, are outage-affected and get the
/// service promise ("within four weeks of when they wanted to apply").
/// </summary>
public sealed class OutageWindow
{
    /// <summary>What the description column holds; a longer text is refused, not cut short.</summary>
    public const int MaxDescriptionLength = 1000;

    private OutageWindow()
    {
    }

    public Guid Id { get; private set; }
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }

    /// <summary>Affected product codes, space-separated.</summary>
    public string Products { get; private set; } = "";

    /// <summary>Days after <see cref="End"/> in which an application counts as pent-up by the outage.</summary>
    public int CatchUpDays { get; private set; }

    public string Description { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When a supervisor confirmed the bulk force-majeure suspension of open cases, if ever.</summary>
    public DateTimeOffset? ForceMajeureAppliedAt { get; private set; }

    public static OutageWindow Register(
        DateOnly start, DateOnly end, IReadOnlyCollection<string> products, int catchUpDays, string description, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(products);
        if (end < start)
        {
            throw new ArgumentException($"an outage cannot end ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})", nameof(end));
        }

        if (products.Count == 0)
        {
            throw new ArgumentException("an outage affects at least one product", nameof(products));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(catchUpDays);
        ArgumentNullException.ThrowIfNull(description);
        if (description.Length > MaxDescriptionLength)
        {
            throw new ArgumentException($"an outage's description has at most {MaxDescriptionLength} characters", nameof(description));
        }

        return new OutageWindow
        {
            Id = Guid.CreateVersion7(now),
            Start = start,
            End = end,
            Products = string.Join(' ', products.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            CatchUpDays = catchUpDays,
            Description = description,
            RegisteredAt = now,
        };
    }

    public IReadOnlyList<string> ProductList => Products.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Whether an application is affected: its product is, and the applicant wanted to apply during
    /// the outage, or (no intended date given) it was received during the outage or its catch-up period.
    /// </summary>
    public bool Affects(string product, DateOnly receivedOn, DateOnly? intendedSubmissionDate) =>
        ProductList.Contains(product, StringComparer.Ordinal)
        && (intendedSubmissionDate is { } intended
            ? intended >= Start && intended <= End
            : receivedOn >= Start && receivedOn <= End.AddDays(CatchUpDays));

    public void RecordForceMajeureApplied(DateTimeOffset now) => ForceMajeureAppliedAt ??= now;
}
