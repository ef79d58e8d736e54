using Collectif.Features.Press;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class PressContactConfiguration : IEntityTypeConfiguration<PressContact>
{
    public void Configure(EntityTypeBuilder<PressContact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(PressLimits.Name);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.EmailKey).HasMaxLength(254);
        builder.HasIndex(c => c.EmailKey).IsUnique();
        builder.Property(c => c.Role).HasMaxLength(PressLimits.Name);
        builder.Property(c => c.Phone).HasMaxLength(PressLimits.Phone);
        builder.Property(c => c.Languages).HasMaxLength(20);
        builder.Property(c => c.Topics).HasMaxLength(PressLimits.Topics);
        builder.Property(c => c.Notes).HasMaxLength(PressLimits.Notes);
        builder.Property(c => c.ConsentBasis).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.UnsubscribeToken).HasMaxLength(64);
        builder.HasIndex(c => c.UnsubscribeToken).IsUnique();
        builder.Property(c => c.BounceReason).HasMaxLength(500);
        builder.HasOne(c => c.Outlet).WithMany().HasForeignKey(c => c.OutletId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MediaOutletConfiguration : IEntityTypeConfiguration<MediaOutlet>
{
    public void Configure(EntityTypeBuilder<MediaOutlet> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(PressLimits.Name);
        builder.Property(o => o.NameKey).HasMaxLength(PressLimits.Name);
        builder.HasIndex(o => o.NameKey).IsUnique();
        builder.Property(o => o.Website).HasMaxLength(500);
    }
}

internal sealed class PressListConfiguration : IEntityTypeConfiguration<PressList>
{
    public void Configure(EntityTypeBuilder<PressList> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(PressLimits.Name);
        builder.Property(l => l.Description).HasMaxLength(1000);
        builder.HasMany(l => l.Members).WithOne(m => m.PressList).HasForeignKey(m => m.PressListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PressListMemberConfiguration : IEntityTypeConfiguration<PressListMember>
{
    public void Configure(EntityTypeBuilder<PressListMember> builder)
    {
        builder.HasKey(m => new { m.PressListId, m.PressContactId });
        builder.HasOne(m => m.PressContact).WithMany(c => c.Lists).HasForeignKey(m => m.PressContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DistributionConfiguration : IEntityTypeConfiguration<Distribution>
{
    public void Configure(EntityTypeBuilder<Distribution> builder)
    {
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ListNames).HasMaxLength(2000);
        builder.HasOne(d => d.Statement).WithMany().HasForeignKey(d => d.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Recipients).WithOne(r => r.Distribution).HasForeignKey(r => r.DistributionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DistributionRecipientConfiguration : IEntityTypeConfiguration<DistributionRecipient>
{
    public void Configure(EntityTypeBuilder<DistributionRecipient> builder)
    {
        builder.Property(r => r.Email).HasMaxLength(254);
        builder.Property(r => r.Name).HasMaxLength(PressLimits.Name);
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Detail).HasMaxLength(500);
        builder.HasOne(r => r.PressContact).WithMany().HasForeignKey(r => r.PressContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Statement>().WithMany().HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.DistributionId, r.PressContactId }).IsUnique();
        builder.HasOne(r => r.OutboxMessage).WithMany().HasForeignKey(r => r.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ContactImportConfiguration : IEntityTypeConfiguration<ContactImport>
{
    public void Configure(EntityTypeBuilder<ContactImport> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.Mapping).HasMaxLength(4000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Language).HasMaxLength(5);
        builder.Property(i => i.Problems).HasMaxLength(20_000);
        builder.Ignore(i => i.Fields);
        builder.HasIndex(i => i.Status);
    }
}
