using BacklogFlow.Engine.Priorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class ClassRankingSettingConfiguration : IEntityTypeConfiguration<ClassRankingSetting>
{
    public void Configure(EntityTypeBuilder<ClassRankingSetting> builder)
    {
        builder.ToTable("class_ranking");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Order).HasMaxLength(2000);
        builder.Property(r => r.ChangedBy).HasMaxLength(100);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.OrderedNames);
    }
}
