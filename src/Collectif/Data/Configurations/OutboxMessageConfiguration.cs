using Collectif.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.ToAddress).HasMaxLength(254);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Reference).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.Reference);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(500);
        builder.HasOne(m => m.Content).WithMany().HasForeignKey(m => m.ContentId).OnDelete(DeleteBehavior.Restrict);

        // The rate limit counts what was sent in the last minute.
        builder.HasIndex(m => m.SentAt);
    }
}

internal sealed class OutboxContentConfiguration : IEntityTypeConfiguration<OutboxContent>
{
    public void Configure(EntityTypeBuilder<OutboxContent> builder)
    {
        builder.Property(c => c.Subject).HasMaxLength(500);
    }
}
