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

        // A claim looks at each of the worker's queues' first claimable task, then takes from the
        // queue fair share picks (ReviewWorkQueue.ClaimNextAsync): both are one seek into this index
        // per queue, in queue order (QueueOrder). It holds only claimable tasks (ReviewTask.IsClaimable):
        // a claim takes its task out, a release or the lease reaper puts it back, so a claim never
        // walks past held tasks. Led by the queue, a queue's tasks are together however much work
        // of an earlier class other queues hold (ClaimsAtScaleTests checks the plan on PostgreSQL
        // and SQLite).
        builder.HasIndex(t => new { t.Queue, t.ClassRank, t.DueDate, t.ReceivedAt })
            .HasDatabaseName("ix_review_tasks_queue_order")
            .HasFilter("\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NULL");

        // The held tasks, by lease end: the lease reaper finds the leases that ran out here.
        builder.HasIndex(t => t.LeaseExpiresAt)
            .HasDatabaseName("ix_review_tasks_leases")
            .HasFilter("\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NOT NULL");
        builder.HasIndex(t => t.ClaimToken).IsUnique();
        builder.HasIndex(t => t.CaseId);
    }
}
