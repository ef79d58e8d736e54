using Collectif.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.ActorEmail).HasMaxLength(254);
        builder.Property(e => e.Action).HasMaxLength(60);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.Details).HasMaxLength(2000);
        builder.Property(e => e.Network).HasMaxLength(50);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.Action);
    }
}
