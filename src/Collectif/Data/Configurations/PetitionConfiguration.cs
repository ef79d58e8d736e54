using Collectif.Features.Petitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> builder)
    {
        builder.HasIndex(p => p.StatementId).IsUnique();
        builder.HasOne(p => p.Statement).WithMany().HasForeignKey(p => p.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.PartnerOrganization).WithMany().HasForeignKey(p => p.PartnerOrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(p => p.Postcode).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Country).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Response).HasMaxLength(50_000);
        builder.Property(p => p.ResponseFrom).HasMaxLength(300);
    }
}

internal sealed class PetitionSignatureConfiguration : IEntityTypeConfiguration<PetitionSignature>
{
    public void Configure(EntityTypeBuilder<PetitionSignature> builder)
    {
        // One signature per person and petition; a double submit loses the race here.
        builder.HasIndex(s => new { s.StatementId, s.EmailKey }).IsUnique();
        // Counters, the growth chart and "recent signatories" read confirmed rows in time order.
        builder.HasIndex(s => new { s.StatementId, s.Status, s.ConfirmedAt });
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.EmailKey);
        builder.HasIndex(s => new { s.Status, s.CreatedAt });
        builder.HasOne<Features.Statements.Statement>().WithMany().HasForeignKey(s => s.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.FirstName).HasMaxLength(100);
        builder.Property(s => s.LastName).HasMaxLength(100);
        builder.Property(s => s.ProtectedEmail).HasMaxLength(1000);
        builder.Property(s => s.EmailKey).HasMaxLength(64);
        builder.Property(s => s.EmailDomain).HasMaxLength(253);
        builder.Property(s => s.Postcode).HasMaxLength(12);
        builder.Property(s => s.Country).HasMaxLength(2);
        builder.Property(s => s.Departement).HasMaxLength(3);
        builder.Property(s => s.Comment).HasMaxLength(1000);
        builder.Property(s => s.Language).HasMaxLength(5);
        builder.Property(s => s.CoalitionOptInWording).HasMaxLength(500);
        builder.Property(s => s.OrganizationOptInWording).HasMaxLength(500);
        builder.Property(s => s.RevisionHash).HasMaxLength(64);
        builder.Property(s => s.Commitment).HasMaxLength(80);
        builder.Property(s => s.NetworkPrefix).HasMaxLength(50);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.Property(s => s.EndReason).HasMaxLength(500);
    }
}

internal sealed class AbuseRuleConfiguration : IEntityTypeConfiguration<AbuseRule>
{
    public void Configure(EntityTypeBuilder<AbuseRule> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.List).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Pattern).HasMaxLength(253);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.Property(r => r.CreatedByEmail).HasMaxLength(254);
    }
}

internal sealed class PetitionAlertConfiguration : IEntityTypeConfiguration<PetitionAlert>
{
    public void Configure(EntityTypeBuilder<PetitionAlert> builder)
    {
        builder.Property(a => a.Kind).HasMaxLength(10);
        builder.Property(a => a.Value).HasMaxLength(253);
        builder.HasOne<Features.Statements.Statement>().WithMany().HasForeignKey(a => a.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InstanceSecretConfiguration : IEntityTypeConfiguration<InstanceSecret>
{
    public void Configure(EntityTypeBuilder<InstanceSecret> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.Property(s => s.ProtectedValue).HasMaxLength(2000);
    }
}
