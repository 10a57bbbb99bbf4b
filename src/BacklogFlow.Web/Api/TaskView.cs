using BacklogFlow.Domain.Review;

namespace BacklogFlow.Web.Api;

/// <summary>A review task as the API shows it.</summary>
public sealed record TaskView(
    Guid Id,
    Guid CaseId,
    string Queue,
    string PriorityClass,
    DateOnly DueDate,
    DateTimeOffset ReceivedAt,
    string? ClaimedBy,
    DateTimeOffset? LeaseExpiresAt,
    int ClaimCount,
    DateTimeOffset? CompletedAt,
    string? LastReleaseReason,
    string? RefusalIntendedBy,
    DateTimeOffset? ParkedUntil)
{
    public static TaskView Of(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.CaseId, task.Queue, task.PriorityClass, task.DueDate, task.ReceivedAt,
            task.ClaimedBy, task.LeaseExpiresAt, task.ClaimCount, task.CompletedAt, task.LastReleaseReason, task.RefusalIntendedBy, task.ParkedUntil);
    }
}
