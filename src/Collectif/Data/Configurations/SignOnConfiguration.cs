using Collectif.Features.Ledger;
using Collectif.Features.SignOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class SignOnConfiguration : IEntityTypeConfiguration<SignOn>
{
    public void Configure(EntityTypeBuilder<SignOn> builder)
    {
        builder.HasIndex(s => s.StatementId).IsUnique();
        builder.HasOne(s => s.Statement).WithMany().HasForeignKey(s => s.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.ConsentRule).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.OpenedByEmail).HasMaxLength(254);
        builder.HasMany(s => s.Invitations).WithOne().HasForeignKey(i => i.SignOnId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignOnInvitationConfiguration : IEntityTypeConfiguration<SignOnInvitation>
{
    public void Configure(EntityTypeBuilder<SignOnInvitation> builder)
    {
        builder.HasIndex(i => new { i.SignOnId, i.OrganizationId }).IsUnique();
        builder.HasOne(i => i.Organization).WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignOnAnswerConfiguration : IEntityTypeConfiguration<SignOnAnswer>
{
    public void Configure(EntityTypeBuilder<SignOnAnswer> builder)
    {
        builder.HasIndex(a => new { a.SignOnId, a.OrganizationId });
        builder.HasOne<SignOn>().WithMany().HasForeignKey(a => a.SignOnId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Collectif.Features.Organizations.Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Choice).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Comment).HasMaxLength(SignOnAnswer.CommentMaxLength);
        builder.Property(a => a.ContentHash).HasMaxLength(64);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        // Unique per statement: two writers racing for the same number cannot both append.
        builder.HasIndex(e => new { e.StatementId, e.Sequence }).IsUnique();
        builder.HasOne<Collectif.Features.Statements.Statement>().WithMany().HasForeignKey(e => e.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.RevisionHash).HasMaxLength(64);
        builder.Property(e => e.Signer).HasMaxLength(700);
        builder.Property(e => e.Action).HasMaxLength(30);
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class LedgerCheckpointConfiguration : IEntityTypeConfiguration<LedgerCheckpoint>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpoint> builder)
    {
        builder.HasIndex(c => new { c.StatementId, c.Sequence });
        builder.HasOne<Collectif.Features.Statements.Statement>().WithMany().HasForeignKey(c => c.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(200);
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.Property(k => k.PublicKeyPem).HasMaxLength(1000);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000);
    }
}
