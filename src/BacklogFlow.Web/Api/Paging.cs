namespace BacklogFlow.Web.Api;

/// <summary>Every list is paged: skip from 0, take 1–500 (50 when not given).</summary>
public static class Paging
{
    public const int MaxTake = 500;

    public static (int Skip, int Take) Clamp(int skip, int take) => (Math.Max(0, skip), Math.Clamp(take, 1, MaxTake));
}
