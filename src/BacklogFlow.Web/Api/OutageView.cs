using BacklogFlow.Domain.Outages;

namespace BacklogFlow.Web.Api;

/// <summary>A registered outage window, with its products as a list rather than the stored space-separated text.</summary>
public sealed record OutageView(
    Guid Id,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<string> Products,
    int CatchUpDays,
    string Description,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ForceMajeureAppliedAt)
{
    public static OutageView Of(OutageWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new(window.Id, window.Start, window.End, window.ProductList, window.CatchUpDays, window.Description,
            window.RegisteredAt, window.ForceMajeureAppliedAt);
    }
}
