using BacklogFlow.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class ApplicationCaseConfiguration : IEntityTypeConfiguration<ApplicationCase>
{
    public void Configure(EntityTypeBuilder<ApplicationCase> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.SourceSystem).HasMaxLength(100);
        builder.Property(c => c.ApplicationId).HasMaxLength(100);
        builder.Property(c => c.Product).HasMaxLength(32);
        builder.Property(c => c.ApplicantReference).HasMaxLength(100);
        builder.Property(c => c.ScreeningProfile).HasMaxLength(64);
        builder.Property(c => c.FunctionAspects).HasMaxLength(400);
        builder.Property(c => c.Sector).HasMaxLength(64);
        builder.Property(c => c.Channel).HasMaxLength(32);
        builder.Property(c => c.Queue).HasMaxLength(64);
        builder.Property(c => c.PriorityClass).HasMaxLength(64);
        builder.Property(c => c.DecidedBy).HasMaxLength(100);
        builder.Property(c => c.RefusalIntendedBy).HasMaxLength(100);
        builder.Property(c => c.RefusalIntentReason).HasMaxLength(ApplicationCase.MaxRefusalIntentReasonLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.Clock).HasConversion(new ClockJsonConverter(), ClockJsonConverter.Comparer);
        builder.Ignore(c => c.Facts);
        builder.Ignore(c => c.LegalDeadlineMet);
        // No index on the application's key (source system, application id): its intake record's
        // primary key holds it once, and intake looks applications up there. Here it was one more
        // index with random keys per case (applications arrive in any order): every insert
        // rewrote a page of it, about a quarter of the pages an embedded surge wrote (measured).
        builder.HasIndex(c => new { c.Status, c.EffectiveDueDate });

        // The deadline sweeper walks open cases by due date, in batches: only the open ones are in
        // this index, so the walk does not step over the decided (most of a surge).
        builder.HasIndex(c => c.EffectiveDueDate, "ix_cases_open_by_due")
            .HasFilter($"\"Status\" <> '{CaseStatus.Decided}'");

        // Penalty exposure reads only the cases with a running penalty.
        builder.HasIndex(c => c.PenaltyFirstDay);

        // The dashboard counts receipts and decisions per legal day over recent days.
        builder.HasIndex(c => c.ReceivedOn);
        builder.HasIndex(c => c.DecidedOn);
    }
}
