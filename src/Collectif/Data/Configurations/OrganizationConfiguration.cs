using Collectif.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.HasIndex(o => o.SortKey);
        builder.Property(o => o.Slug).HasMaxLength(100);
        builder.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
        builder.Property(o => o.Acronym).HasMaxLength(Organization.AcronymMaxLength);
        builder.Property(o => o.Website).HasMaxLength(500);
        builder.Property(o => o.Country).HasMaxLength(2);
        builder.Property(o => o.Description).HasMaxLength(4000);
        builder.Property(o => o.SortKey).HasMaxLength(Organization.NameMaxLength);
        builder.Property(o => o.SearchKey).HasMaxLength(4000);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.VerificationMethod).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.VerificationEvidence).HasMaxLength(2000);
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Aliases).WithOne().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.EmailDomains).WithOne().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Memberships).WithOne(m => m.Organization).HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganizationAliasConfiguration : IEntityTypeConfiguration<OrganizationAlias>
{
    public void Configure(EntityTypeBuilder<OrganizationAlias> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(Organization.NameMaxLength);
        builder.Property(a => a.Key).HasMaxLength(Organization.NameMaxLength);
        builder.HasIndex(a => a.Key);
    }
}

internal sealed class OrganizationDomainConfiguration : IEntityTypeConfiguration<OrganizationDomain>
{
    public void Configure(EntityTypeBuilder<OrganizationDomain> builder)
    {
        builder.Property(d => d.Domain).HasMaxLength(253);
        builder.HasIndex(d => d.Domain).IsUnique();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder) =>
        builder.Property(m => m.Note).HasMaxLength(1000);
}

internal sealed class OrganizationVerificationConfiguration : IEntityTypeConfiguration<OrganizationVerification>
{
    public void Configure(EntityTypeBuilder<OrganizationVerification> builder)
    {
        builder.Property(v => v.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Target).HasMaxLength(254);
        builder.Property(v => v.Secret).HasMaxLength(100);
        builder.HasIndex(v => v.Secret);
        builder.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
