using Collectif.Features.Mobilizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class MobilizationConfiguration : IEntityTypeConfiguration<Mobilization>
{
    public void Configure(EntityTypeBuilder<Mobilization> builder)
    {
        builder.HasIndex(m => m.Slug).IsUnique();
        builder.Property(m => m.Slug).HasMaxLength(120);
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.Description).HasMaxLength(20_000);
        builder.Property(m => m.AccessibilityNotes).HasMaxLength(2000);
        builder.Property(m => m.Contact).HasMaxLength(500);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasMany(m => m.Gatherings).WithOne().HasForeignKey(g => g.MobilizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.StatusChanges).WithOne().HasForeignKey(s => s.MobilizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Organizations).WithOne().HasForeignKey(o => o.MobilizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Statements).WithOne().HasForeignKey(s => s.MobilizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GatheringConfiguration : IEntityTypeConfiguration<Gathering>
{
    public void Configure(EntityTypeBuilder<Gathering> builder)
    {
        builder.HasIndex(g => g.StartsAt);
        builder.Property(g => g.City).HasMaxLength(100);
        builder.Property(g => g.PlaceName).HasMaxLength(200);
        builder.Property(g => g.Address).HasMaxLength(300);
        builder.Property(g => g.TimeZone).HasMaxLength(60);
        builder.Property(g => g.Route).HasMaxLength(2000);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasMany(g => g.Turnout).WithOne().HasForeignKey(t => t.GatheringId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> builder)
    {
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(s => s.Gathering).WithMany().HasForeignKey(s => s.GatheringId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(s => s.Source).HasMaxLength(300);
        builder.Property(s => s.Authority).HasMaxLength(200);
        builder.Property(s => s.OrderReference).HasMaxLength(100);
        builder.Property(s => s.Reason).HasMaxLength(1000);
        builder.Property(s => s.DocumentUrl).HasMaxLength(500);
    }
}

internal sealed class TurnoutEstimateConfiguration : IEntityTypeConfiguration<TurnoutEstimate>
{
    public void Configure(EntityTypeBuilder<TurnoutEstimate> builder)
    {
        builder.Property(t => t.SourceKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.SourceName).HasMaxLength(200);
        builder.Property(t => t.Link).HasMaxLength(500);
    }
}

internal sealed class MobilizationOrganizationConfiguration : IEntityTypeConfiguration<MobilizationOrganization>
{
    public void Configure(EntityTypeBuilder<MobilizationOrganization> builder)
    {
        builder.HasIndex(o => new { o.MobilizationId, o.OrganizationId }).IsUnique();
        builder.HasOne(o => o.Organization).WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MobilizationStatementConfiguration : IEntityTypeConfiguration<MobilizationStatement>
{
    public void Configure(EntityTypeBuilder<MobilizationStatement> builder)
    {
        builder.HasIndex(s => new { s.MobilizationId, s.StatementId }).IsUnique();
        builder.HasOne(s => s.Statement).WithMany().HasForeignKey(s => s.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MobilizationSubscriptionConfiguration : IEntityTypeConfiguration<MobilizationSubscription>
{
    public void Configure(EntityTypeBuilder<MobilizationSubscription> builder)
    {
        builder.HasIndex(s => new { s.MobilizationId, s.Email }).IsUnique();
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasOne<Mobilization>().WithMany().HasForeignKey(s => s.MobilizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
