namespace BacklogFlow.Web.Ui;

/// <summary>
/// Where the previous and next page of a list are, if there are any; a page is "full" when it has
/// as many items as asked for, so there may be more.
/// </summary>
public sealed record PagerLinks(string? Previous, string? Next)
{
    /// <param name="page">Builds a page's URL from its skip.</param>
    public static PagerLinks For(int skip, int take, int shown, Func<int, string?> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new(skip > 0 ? page(Math.Max(0, skip - take)) : null, shown >= take ? page(skip + take) : null);
    }
}
