using BacklogFlow.Engine.Priorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class QueueStateConfiguration : IEntityTypeConfiguration<QueueState>
{
    public void Configure(EntityTypeBuilder<QueueState> builder)
    {
        builder.ToTable("queue_states");
        builder.HasKey(q => q.Queue);
        builder.Property(q => q.Queue).HasMaxLength(100);
        builder.Property(q => q.ChangedBy).HasMaxLength(100);
        builder.Property(q => q.Version).IsConcurrencyToken();
    }
}
