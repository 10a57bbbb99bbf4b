using System.ComponentModel.DataAnnotations;

namespace BacklogFlow.Engine.Review;

/// <summary>Configuration section "BacklogFlow:Review".</summary>
public sealed class ReviewOptions
{
    public const string Section = "BacklogFlow:Review";

    /// <summary>How long a claim holds a task; after that it returns to the queue by itself.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(30);
}
