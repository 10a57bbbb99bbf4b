using BacklogFlow.Engine.Quarantine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class QuarantinedMessageConfiguration : IEntityTypeConfiguration<QuarantinedMessage>
{
    public void Configure(EntityTypeBuilder<QuarantinedMessage> builder)
    {
        builder.ToTable("quarantined_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Reason).HasMaxLength(64);
        builder.Property(m => m.Detail).HasMaxLength(2000);
        builder.Property(m => m.SourceSystem).HasMaxLength(100);
        builder.Property(m => m.ApplicationId).HasMaxLength(100);
        builder.Property(m => m.Resolution).HasMaxLength(32);
        builder.Property(m => m.ResolvedBy).HasMaxLength(100);
        builder.Property(m => m.ResolutionNote).HasMaxLength(2000);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.SourceSystem, m.Reason });
        builder.HasIndex(m => m.QuarantinedAt);
    }
}
