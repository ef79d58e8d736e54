using System.Security.Cryptography;
using System.Text;
using Collectif.Data;
using Collectif.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Accounts;

/// <summary>
/// Invites a person by e-mail: the invitation and its mail are written in one transaction (the
/// outbox), the link is single-use and expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class InvitePerson(CollectifDb db, TimeProvider clock, OutboxSignal outbox, IOptions<EmailOptions> email, IStringLocalizerFactory localizers, Audit.AuditLog audit)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public sealed record Request(string Email, IReadOnlyCollection<string> Roles, IReadOnlyCollection<int> OrganizationIds, int? InvitedById, string Language, string BaseUrl);

    public async Task<Invitation> InviteAsync(Request request, CancellationToken cancellationToken = default)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Email = request.Email.Trim().ToLowerInvariant(),
            TokenHash = Hash(token),
            Roles = string.Join(',', request.Roles.Where(Accounts.Roles.All.Contains).Distinct()),
            OrganizationIds = string.Join(',', request.OrganizationIds.Distinct()),
            InvitedById = request.InvitedById,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Invitations.Add(invitation);

        var coalition = await db.Coalitions.AsNoTracking().FirstAsync(cancellationToken);
        var link = $"{(email.Value.PublicBaseUrl ?? request.BaseUrl).TrimEnd('/')}/invitation/{token}";
        var localizer = Localizer(request.Language);
        var name = coalition.Name(request.Language);
        var text = string.Join("\n\n",
            localizer["Hello,"],
            localizer["You are invited to join {0} on its Collectif site.", name],
            localizer["To create your account, open this link within 7 days (it works once):"] + "\n" + link,
            localizer["If you did not expect this invitation, ignore this message."]);
        db.OutboxMessages.Add(OutboxMessage.Create(invitation.Email, localizer["Invitation to {0}", coalition.Acronym], text, now, reference: "invitation"));
        audit.Record(Audit.AuditActions.AccountInvited, $"account:{invitation.Email}", $"roles: {invitation.Roles}; organizations: {invitation.OrganizationIds}");
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return invitation;
    }

    /// <summary>The open invitation matching a link's token, or null when unknown, used or expired.</summary>
    public async Task<Invitation?> FindOpenAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));


    // The mail speaks the language chosen by the inviter, whatever the current request's.
    private Web.FixedCultureLocalizer Localizer(string language) => Web.FixedCultureLocalizer.For(localizers, language);
}
