using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.PublishedAt);
        builder.Property(s => s.Slug).HasMaxLength(120);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Language).HasMaxLength(5);
        builder.Property(s => s.Title).HasMaxLength(Statement.TitleMaxLength);
        builder.Property(s => s.Excerpt).HasMaxLength(2000);
        builder.Property(s => s.Addressee).HasMaxLength(1000);
        builder.Property(s => s.Place).HasMaxLength(200);
        builder.Property(s => s.Subject).HasMaxLength(1000);
        builder.HasMany(s => s.Signatories).WithOne().HasForeignKey(s => s.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Revisions).WithOne(r => r.Statement).HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Subtitle).HasMaxLength(Statement.TitleMaxLength);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.WithdrawalReason).HasMaxLength(1000);
        builder.Property(s => s.CurrentRevision).IsConcurrencyToken();
    }
}

internal sealed class StatementRevisionConfiguration : IEntityTypeConfiguration<StatementRevision>
{
    public void Configure(EntityTypeBuilder<StatementRevision> builder)
    {
        builder.HasIndex(r => new { r.StatementId, r.Number }).IsUnique();
        builder.Property(r => r.Title).HasMaxLength(Statement.TitleMaxLength);
        builder.Property(r => r.Subtitle).HasMaxLength(Statement.TitleMaxLength);
        builder.Property(r => r.Addressee).HasMaxLength(1000);
        builder.Property(r => r.Place).HasMaxLength(200);
        builder.Property(r => r.Subject).HasMaxLength(1000);
        builder.Property(r => r.AuthorEmail).HasMaxLength(254);
        builder.Property(r => r.ContentHash).HasMaxLength(64);
    }
}

internal sealed class StatementSignatoryConfiguration : IEntityTypeConfiguration<StatementSignatory>
{
    public void Configure(EntityTypeBuilder<StatementSignatory> builder)
    {
        builder.HasOne(s => s.Organization).WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.StatementId, s.OrganizationId });
        builder.Property(s => s.PersonName).HasMaxLength(200);
        builder.Property(s => s.PersonRole).HasMaxLength(300);
        builder.Property(s => s.PersonOrganization).HasMaxLength(300);
    }
}
