using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class ReviewTaskConfiguration : IEntityTypeConfiguration<ReviewTask>
{
    public void Configure(EntityTypeBuilder<ReviewTask> builder)
    {
        builder.ToTable("review_tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Queue).HasMaxLength(64);
        builder.Property(t => t.PriorityClass).HasMaxLength(64);
        builder.Property(t => t.ClaimedBy).HasMaxLength(100);
        builder.Property(t => t.LastReleaseReason).HasMaxLength(400);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.IsCompleted);
        builder.HasOne<ApplicationCase>().WithMany().HasForeignKey(t => t.CaseId);

        // The claim walks this index in queue order (QueueOrder): open tasks of a queue, by class
        // rank, due date and receipt.
        builder.HasIndex(t => new { t.Queue, t.CompletedAt, t.ClassRank, t.DueDate, t.ReceivedAt })
            .HasDatabaseName("ix_review_tasks_queue_order");
        builder.HasIndex(t => t.ClaimToken).IsUnique();
        builder.HasIndex(t => t.CaseId);
    }
}
