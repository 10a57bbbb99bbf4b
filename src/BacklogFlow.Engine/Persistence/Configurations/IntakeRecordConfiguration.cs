using BacklogFlow.Engine.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class IntakeRecordConfiguration : IEntityTypeConfiguration<IntakeRecord>
{
    public void Configure(EntityTypeBuilder<IntakeRecord> builder)
    {
        builder.ToTable("intake_records");
        builder.HasKey(r => new { r.SourceSystem, r.ApplicationId });
        builder.Property(r => r.SourceSystem).HasMaxLength(100);
        builder.Property(r => r.ApplicationId).HasMaxLength(100);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
    }
}
