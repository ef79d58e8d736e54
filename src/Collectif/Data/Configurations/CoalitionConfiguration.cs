using Collectif.Features.Coalitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class CoalitionConfiguration : IEntityTypeConfiguration<Coalition>
{
    public void Configure(EntityTypeBuilder<Coalition> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.NameFr).HasMaxLength(300);
        builder.Property(c => c.NameEn).HasMaxLength(300);
        builder.Property(c => c.Acronym).HasMaxLength(40);
        builder.Property(c => c.LogoContentType).HasMaxLength(40);
        builder.Property(c => c.Languages).HasMaxLength(40);
        builder.Property(c => c.TimeZone).HasMaxLength(60);
        builder.Property(c => c.EditorialPolicyFr).HasMaxLength(20_000);
        builder.Property(c => c.EditorialPolicyEn).HasMaxLength(20_000);
    }
}

internal sealed class CoalitionLogoConfiguration : IEntityTypeConfiguration<CoalitionLogo>
{
    public void Configure(EntityTypeBuilder<CoalitionLogo> builder)
    {
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasOne<Coalition>().WithOne().HasForeignKey<CoalitionLogo>(l => l.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
