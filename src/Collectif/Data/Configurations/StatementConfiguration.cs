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
        builder.Property(s => s.Salutation).HasMaxLength(300);
        builder.Property(s => s.DatelineCity).HasMaxLength(100);
        builder.Property(s => s.DatelineCountry).HasMaxLength(100);
        builder.Property(s => s.MediaContacts).HasMaxLength(4000);
        builder.Property(s => s.About).HasMaxLength(8000);
        builder.Property(s => s.ImageContentType).HasMaxLength(50);
        builder.Property(s => s.ImageAlt).HasMaxLength(500);
        builder.Property(s => s.ImageCaption).HasMaxLength(500);
        builder.Property(s => s.ImageCredit).HasMaxLength(200);
        builder.Property(s => s.SearchTitle).HasMaxLength(Statement.TitleMaxLength);
        builder.Property(s => s.CurrentContentHash).HasMaxLength(64);
        builder.HasOne(s => s.BylineOrganization).WithMany().HasForeignKey(s => s.BylineOrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(s => s.TranslationOf).WithMany().HasForeignKey(s => s.TranslationOfId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Tags).WithOne().HasForeignKey(t => t.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.Status);

        // Full-text search lives outside the model: an FTS5 table with triggers on SQLite, a
        // generated tsvector column on PostgreSQL (migration StatementSearch). A later SQLite
        // migration that rebuilds Statements drops those triggers and must create them again;
        // SearchTests fail if it does not.
    }
}

internal sealed class StatementTagConfiguration : IEntityTypeConfiguration<StatementTag>
{
    public void Configure(EntityTypeBuilder<StatementTag> builder)
    {
        builder.HasIndex(t => new { t.StatementId, t.Slug }).IsUnique();
        builder.HasIndex(t => t.Slug);
        builder.Property(t => t.Name).HasMaxLength(StatementTag.MaxLength);
        builder.Property(t => t.Slug).HasMaxLength(StatementTag.MaxLength + 10);
    }
}

internal sealed class StatementImageConfiguration : IEntityTypeConfiguration<StatementImage>
{
    public void Configure(EntityTypeBuilder<StatementImage> builder)
    {
        builder.HasKey(i => i.StatementId);
        builder.HasOne<Statement>().WithOne().HasForeignKey<StatementImage>(i => i.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StatementSlugRedirectConfiguration : IEntityTypeConfiguration<StatementSlugRedirect>
{
    public void Configure(EntityTypeBuilder<StatementSlugRedirect> builder)
    {
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.Property(r => r.Slug).HasMaxLength(120);
        builder.HasOne<Statement>().WithMany().HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AmendmentConfiguration : IEntityTypeConfiguration<Features.Statements.Consultation.Amendment>
{
    public void Configure(EntityTypeBuilder<Features.Statements.Consultation.Amendment> builder)
    {
        builder.HasOne<Statement>().WithMany().HasForeignKey(a => a.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.StatementId, a.Status });
        builder.Property(a => a.Passage).HasMaxLength(Features.Statements.Consultation.Amendment.PassageMaxLength);
        builder.Property(a => a.Replacement).HasMaxLength(Features.Statements.Consultation.Amendment.PassageMaxLength);
        builder.Property(a => a.Reason).HasMaxLength(Features.Statements.Consultation.Amendment.ReasonMaxLength);
        builder.Property(a => a.DecisionReason).HasMaxLength(Features.Statements.Consultation.Amendment.ReasonMaxLength);
        builder.Property(a => a.AuthorEmail).HasMaxLength(254);
        builder.Property(a => a.DecidedByEmail).HasMaxLength(254);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class StatementCommentConfiguration : IEntityTypeConfiguration<Features.Statements.Consultation.StatementComment>
{
    public void Configure(EntityTypeBuilder<Features.Statements.Consultation.StatementComment> builder)
    {
        builder.HasOne<Statement>().WithMany().HasForeignKey(c => c.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.StatementId);
        builder.Property(c => c.Text).HasMaxLength(Features.Statements.Consultation.StatementComment.TextMaxLength);
        builder.Property(c => c.AuthorEmail).HasMaxLength(254);
    }
}

internal sealed class StatementPdfConfiguration : IEntityTypeConfiguration<Features.Statements.Pdf.StatementPdf>
{
    public void Configure(EntityTypeBuilder<Features.Statements.Pdf.StatementPdf> builder)
    {
        builder.HasOne<Statement>().WithMany().HasForeignKey(p => p.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.StatementId, p.Key }).IsUnique();
        builder.Property(p => p.Key).HasMaxLength(64);
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
        builder.Property(r => r.Salutation).HasMaxLength(300);
        builder.Property(r => r.DatelineCity).HasMaxLength(100);
        builder.Property(r => r.DatelineCountry).HasMaxLength(100);
        builder.Property(r => r.MediaContacts).HasMaxLength(4000);
        builder.Property(r => r.About).HasMaxLength(8000);
    }
}

internal sealed class StatementSignatoryConfiguration : IEntityTypeConfiguration<StatementSignatory>
{
    public void Configure(EntityTypeBuilder<StatementSignatory> builder)
    {
        builder.HasOne(s => s.Organization).WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        // An organization is listed once per statement (a withdrawn signature stays as a notice):
        // two answers racing for the same organization cannot both add it.
        builder.HasIndex(s => new { s.StatementId, s.OrganizationId }).IsUnique().HasFilter("\"OrganizationId\" IS NOT NULL AND \"WithdrawnAt\" IS NULL");
        builder.Property(s => s.PersonName).HasMaxLength(200);
        builder.Property(s => s.PersonRole).HasMaxLength(300);
        builder.Property(s => s.PersonOrganization).HasMaxLength(300);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.WithdrawalReason).HasMaxLength(1000);
    }
}
