using Collectif.Features.Api;
using Collectif.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Collectif.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        builder.Property(t => t.Hint).HasMaxLength(20);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.AccountId);
        builder.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.Property(w => w.Url).HasMaxLength(Webhook.UrlMaxLength);
        builder.Property(w => w.Description).HasMaxLength(200);
        builder.Property(w => w.ProtectedSecret).HasMaxLength(1000);
        builder.Property(w => w.CreatedBy).HasMaxLength(256);
        builder.HasOne(w => w.Organization).WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.Event).HasMaxLength(60);
        builder.Property(d => d.EventId).HasMaxLength(40);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.HasIndex(d => new { d.DeliveredAt, d.FailedAt, d.NextAttemptAt });
        builder.HasIndex(d => new { d.WebhookId, d.Id });
        builder.HasIndex(d => d.SignatureId);
        builder.HasOne(d => d.Webhook).WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
