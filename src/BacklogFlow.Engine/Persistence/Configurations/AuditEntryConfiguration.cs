using BacklogFlow.Engine.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Subject).HasMaxLength(100);
        builder.Property(e => e.Before).HasMaxLength(4000);
        builder.Property(e => e.After).HasMaxLength(4000);
        // The log is read in its order (Id), filtered by subject or actor (AuditLog): each of those
        // indexes is led by its filter and then Id, so a page can be a backward range scan. Nothing
        // reads by time; an index on it was one more entry to write in every claim.
        builder.HasIndex(e => new { e.Subject, e.Id });
        builder.HasIndex(e => new { e.Actor, e.Id });
    }
}
