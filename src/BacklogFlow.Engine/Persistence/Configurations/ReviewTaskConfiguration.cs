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

        // A claim asks which of the worker's queues holds a claimable task of which class, then takes
        // the first of the best class in the queue fair share picks (ReviewWorkQueue.ClaimNextAsync):
        // one probe into this index per queue and class, one seek for the task, in queue order
        // within the class (QueueOrder; the class's rank is applied by the claim, not stored). It
        // holds only claimable tasks (ReviewTask.IsClaimable): a claim takes its task out, a release
        // or the lease reaper puts it back, so a claim never walks past held or parked tasks. Led by the queue,
        // a queue's tasks are together however much work other queues hold (ClaimsAtScaleTests
        // checks the plan on PostgreSQL and SQLite).
        builder.HasIndex(t => new { t.Queue, t.PriorityClass, t.DueDate, t.ReceivedAt })
            .HasDatabaseName("ix_review_tasks_queue_order")
            .HasFilter("\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NULL AND \"ParkedUntil\" IS NULL");

        // The held tasks, by lease end: the lease reaper finds the leases that ran out here.
        builder.HasIndex(t => t.LeaseExpiresAt)
            .HasDatabaseName("ix_review_tasks_leases")
            .HasFilter("\"CompletedAt\" IS NULL AND \"LeaseExpiresAt\" IS NOT NULL");

        // The tasks parked while an applicant is heard, by the end of the hearing: the lease reaper
        // returns them to their queue from here.
        builder.HasIndex(t => t.ParkedUntil)
            .HasDatabaseName("ix_review_tasks_parked")
            .HasFilter("\"CompletedAt\" IS NULL AND \"ParkedUntil\" IS NOT NULL");
        builder.HasIndex(t => t.CaseId);
    }
}
