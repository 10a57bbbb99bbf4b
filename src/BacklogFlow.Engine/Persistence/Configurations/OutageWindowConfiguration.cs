using BacklogFlow.Domain.Outages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BacklogFlow.Engine.Persistence.Configurations;

public sealed class OutageWindowConfiguration : IEntityTypeConfiguration<OutageWindow>
{
    public void Configure(EntityTypeBuilder<OutageWindow> builder)
    {
        builder.ToTable("outage_windows");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Products).HasMaxLength(400);
        builder.Property(o => o.Description).HasMaxLength(OutageWindow.MaxDescriptionLength);
        builder.Ignore(o => o.ProductList);
    }
}
