using Collectif.Email;
using Collectif.Features.Accounts;
using Collectif.Features.Audit;
using Collectif.Features.Coalitions;
using Collectif.Features.Organizations;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Collectif.Data;

/// <summary>
/// The one database of the application. Provider subclasses (<see cref="SqliteCollectifDb"/>,
/// <see cref="PostgresCollectifDb"/>) exist only so each provider keeps its own migration set.
/// </summary>
public abstract class CollectifDb(DbContextOptions options) : IdentityDbContext<Account, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    public DbSet<Coalition> Coalitions => Set<Coalition>();
    public DbSet<CoalitionLogo> CoalitionLogos => Set<CoalitionLogo>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationAlias> OrganizationAliases => Set<OrganizationAlias>();
    public DbSet<OrganizationDomain> OrganizationDomains => Set<OrganizationDomain>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<OrganizationVerification> OrganizationVerifications => Set<OrganizationVerification>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<StatementSignatory> StatementSignatories => Set<StatementSignatory>();
    public DbSet<StatementRevision> StatementRevisions => Set<StatementRevision>();
    public DbSet<StatementTag> StatementTags => Set<StatementTag>();
    public DbSet<StatementImage> StatementImages => Set<StatementImage>();
    public DbSet<StatementSlugRedirect> StatementSlugRedirects => Set<StatementSlugRedirect>();
    public DbSet<Features.Statements.Consultation.Amendment> Amendments => Set<Features.Statements.Consultation.Amendment>();
    public DbSet<Features.Statements.Consultation.StatementComment> StatementComments => Set<Features.Statements.Consultation.StatementComment>();
    public DbSet<Features.Statements.Pdf.StatementPdf> StatementPdfs => Set<Features.Statements.Pdf.StatementPdf>();
    public DbSet<Features.SignOn.SignOn> SignOns => Set<Features.SignOn.SignOn>();
    public DbSet<Features.SignOn.SignOnInvitation> SignOnInvitations => Set<Features.SignOn.SignOnInvitation>();
    public DbSet<Features.SignOn.SignOnAnswer> SignOnAnswers => Set<Features.SignOn.SignOnAnswer>();
    public DbSet<Features.Ledger.LedgerEntry> LedgerEntries => Set<Features.Ledger.LedgerEntry>();
    public DbSet<Features.Ledger.LedgerCheckpoint> LedgerCheckpoints => Set<Features.Ledger.LedgerCheckpoint>();
    public DbSet<Features.Ledger.SigningKey> SigningKeys => Set<Features.Ledger.SigningKey>();
    public DbSet<Features.Mobilizations.Mobilization> Mobilizations => Set<Features.Mobilizations.Mobilization>();
    public DbSet<Features.Mobilizations.Gathering> Gatherings => Set<Features.Mobilizations.Gathering>();
    public DbSet<Features.Mobilizations.StatusChange> StatusChanges => Set<Features.Mobilizations.StatusChange>();
    public DbSet<Features.Mobilizations.TurnoutEstimate> TurnoutEstimates => Set<Features.Mobilizations.TurnoutEstimate>();
    public DbSet<Features.Mobilizations.MobilizationSubscription> MobilizationSubscriptions => Set<Features.Mobilizations.MobilizationSubscription>();
    public DbSet<Features.Petitions.Petition> Petitions => Set<Features.Petitions.Petition>();
    public DbSet<Features.Petitions.PetitionSignature> PetitionSignatures => Set<Features.Petitions.PetitionSignature>();
    public DbSet<Features.Petitions.AbuseRule> AbuseRules => Set<Features.Petitions.AbuseRule>();
    public DbSet<Features.Petitions.PetitionAlert> PetitionAlerts => Set<Features.Petitions.PetitionAlert>();
    public DbSet<Features.Petitions.InstanceSecret> InstanceSecrets => Set<Features.Petitions.InstanceSecret>();
    /// <summary>The Identity users, by their name in this domain.</summary>
    public DbSet<Account> Accounts => Users;
    public DbSet<Delegation> Delegations => Set<Delegation>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OutboxContent> OutboxContents => Set<OutboxContent>();
    public DbSet<Features.Press.PressContact> PressContacts => Set<Features.Press.PressContact>();
    public DbSet<Features.Press.MediaOutlet> MediaOutlets => Set<Features.Press.MediaOutlet>();
    public DbSet<Features.Press.PressList> PressLists => Set<Features.Press.PressList>();
    public DbSet<Features.Press.PressListMember> PressListMembers => Set<Features.Press.PressListMember>();
    public DbSet<Features.Press.Distribution> Distributions => Set<Features.Press.Distribution>();
    public DbSet<Features.Press.DistributionRecipient> DistributionRecipients => Set<Features.Press.DistributionRecipient>();
    public DbSet<Features.Press.ContactImport> ContactImports => Set<Features.Press.ContactImport>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Features.Api.ApiToken> ApiTokens => Set<Features.Api.ApiToken>();
    public DbSet<Features.Webhooks.Webhook> Webhooks => Set<Features.Webhooks.Webhook>();
    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();

    /// <summary>Keys protecting cookies and antiforgery tokens: in the database, so instances share them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder); // Identity's tables
        builder.ApplyConfigurationsFromAssembly(typeof(CollectifDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored in UTC and come back marked as UTC on every provider.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefreshDerivedKeys();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefreshDerivedKeys();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Sort and search keys are derived from names; keeping them here means no caller can forget.
    private void RefreshDerivedKeys()
    {
        // Each Entries<T>() would compare every tracked entity with its snapshot again (a batch of
        // signatures and their mails: hundreds); once is enough, SaveChanges detects what we set here.
        ChangeTracker.DetectChanges();
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            CheckAndRefresh();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void CheckAndRefresh()
    {
        // The audit log and the signature ledger are append-only: nothing in the application may rewrite history.
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
        }

        if (ChangeTracker.Entries<Features.Ledger.LedgerEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Ledger entries cannot be changed or deleted.");
        }

        foreach (var entry in ChangeTracker.Entries<OrganizationAlias>())
        {
            entry.Entity.Key = Collectif.Text.TextKey.Normalize(entry.Entity.Name);
        }

        foreach (var entry in ChangeTracker.Entries<Statement>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.RefreshSearchText();
            }
        }

        foreach (var entry in ChangeTracker.Entries<Organization>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified || entry.Collection(o => o.Aliases).IsLoaded)
            {
                entry.Entity.RefreshKeys();
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteCollectifDb(DbContextOptions<SqliteCollectifDb> options) : CollectifDb(options);

public sealed class PostgresCollectifDb(DbContextOptions<PostgresCollectifDb> options) : CollectifDb(options);
