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
        builder.Property(t => t.RefusalIntendedBy).HasMaxLength(100);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.IsCompleted);
        builder.HasOne<ApplicationCase>().WithMany().HasForeignKey(t => t.CaseId);

        // The claim walks this index in queue order (QueueOrder) and stops at the first task of one
        // of the worker's queues whose lease is free: open tasks only, by class rank, due date and
        // receipt. Queue is deliberately not a leading column: a worker claims from several queues
        // at once ("Queue" = ANY(...)), and an index led by the queue can only give one queue's order,
        // so the database would sort every open task of those queues on each claim
        // (ClaimsAtScaleTests checks the plan on PostgreSQL and SQLite).
        builder.HasIndex(t => new { t.ClassRank, t.DueDate, t.ReceivedAt })
            .HasDatabaseName("ix_review_tasks_queue_order")
            .HasFilter("\"CompletedAt\" IS NULL");
        builder.HasIndex(t => t.ClaimToken).IsUnique();
        builder.HasIndex(t => t.CaseId);
    }
}
