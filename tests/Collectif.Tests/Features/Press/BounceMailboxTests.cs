using System.Net;
using Collectif.Email;
using Collectif.Features.Accounts;
using Collectif.Features.Press;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Collectif.Tests.Features.Press;

/// <summary>Bounces read from a real IMAP mailbox (Dovecot) mark the recipient and the contact.</summary>
public class BounceMailboxTests
{
    /// <summary>A delivery status notification as Postfix writes one (RFC 3464), quoting the headers of our mail.</summary>
    private static MimeMessage Dsn(string recipient, string status, string action, string? originalMessageId)
    {
        var report = new MultipartReport("delivery-status");
        report.Add(new TextPart("plain") { Text = $"This is the mail system at host mx.example.org.\n\nI'm sorry to have to inform you that your message could not be delivered.\n\n<{recipient}>: host mx.example.org said: 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown" });
        var status_ = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", "dns; mx.example.org" }, { "Arrival-Date", "Mon, 2 Mar 2026 10:00:01 +0100" } };
        var perRecipient = new HeaderList
        {
            { "Final-Recipient", $"rfc822; {recipient}" },
            { "Original-Recipient", $"rfc822;{recipient}" },
            { "Action", action },
            { "Status", status },
            { "Remote-MTA", "dns; mx.example.org" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 User unknown" },
        };
        status_.StatusGroups.Add(perMessage);
        status_.StatusGroups.Add(perRecipient);
        report.Add(status_);
        var headers = new HeaderList { { "From", "Collectif <secretariat@collectif.example>" }, { "To", recipient }, { "Subject", "Communiqué de presse : Appel de Paris" } };
        if (originalMessageId is not null)
        {
            headers.Add("Message-Id", $"<{originalMessageId}>");
        }

        var returned = new MemoryStream();
        headers.WriteTo(returned);
        returned.Position = 0;
        report.Add(new TextRfc822Headers { Message = MimeMessage.Load(returned) });
        var message = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", Body = report };
        message.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.example.org"));
        message.To.Add(new MailboxAddress("", "bounces@collectif.example"));
        return message;
    }

    private static async Task AppendAsync(string user, params MimeMessage[] messages)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapServer.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, ImapServer.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(message);
        }

        await client.DisconnectAsync(true);
    }

    private static async Task<int> UnreadAsync(string user)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapServer.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, ImapServer.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var unread = (await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.NotSeen)).Count;
        await client.DisconnectAsync(true);
        return unread;
    }

    [Fact]
    public async Task A_permanent_bounce_in_the_mailbox_marks_the_exact_recipient_and_a_delay_changes_nothing()
    {
        var user = $"bounces-{Guid.NewGuid():N}";
        await using var app = new CollectifApp
        {
            RunOutboxWorker = false,
            Settings =
            {
                ["Collectif:Email:Bounces:ImapHost"] = "127.0.0.1",
                ["Collectif:Email:Bounces:ImapPort"] = ImapServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Collectif:Email:Bounces:Security"] = "None",
                ["Collectif:Email:Bounces:Username"] = user,
                ["Collectif:Email:Bounces:Password"] = ImapServer.Password,
            },
        };
        var domain = $"bounce-{Guid.NewGuid():N}.example.org";
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (gone, delayed, distributionId) = await app.WithDbAsync(async db =>
        {
            var release = new Collectif.Features.Statements.Statement { Slug = "cp-" + Guid.NewGuid().ToString("N")[..8], Kind = Collectif.Features.Statements.StatementKind.PressRelease, Title = "Appel", Body = "Texte.", PublishedAt = now };
            release.Revisions.Add(Collectif.Features.Statements.StatementRevision.Initial(release, now));
            db.Statements.Add(release);
            var distribution = new Distribution { Statement = release, SendAt = now, CreatedAt = now };
            db.Distributions.Add(distribution);
            await db.SaveChangesAsync();
            RecipientFor(db, distribution, release, ContactImporter.NewContact($"gone@{domain}", "Parti", now), now);
            RecipientFor(db, distribution, release, ContactImporter.NewContact($"slow@{domain}", "Lent", now), now);
            await db.SaveChangesAsync();
            var messages = await db.DistributionRecipients.Where(r => r.DistributionId == distribution.Id).ToDictionaryAsync(r => r.Email, r => r.OutboxMessageId!.Value);
            return (messages[$"gone@{domain}"], messages[$"slow@{domain}"], distribution.Id);
        });
        var goneMessage = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == gone));
        var goneMessageId = SmtpMailSender.Build(goneMessage, null, new EmailOptions { FromAddress = "secretariat@collectif.example" }).MessageId;

        await AppendAsync(user,
            Dsn($"gone@{domain}", "5.1.1", "failed", goneMessageId),
            Dsn($"slow@{domain}", "4.4.1", "delayed", null),
            new MimeMessage(new[] { new MailboxAddress("", "someone@example.org") }, new[] { new MailboxAddress("", "bounces@collectif.example") }, "Out of office", new TextPart("plain") { Text = "I am away." }));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BounceReader>().ReadAsync(CancellationToken.None)).ShouldBe(1);
        }

        var recipients = await app.WithDbAsync(db => db.DistributionRecipients.Include(r => r.PressContact).Where(r => r.DistributionId == distributionId).ToDictionaryAsync(r => r.Email));
        recipients[$"gone@{domain}"].Status.ShouldBe(RecipientStatus.Bounced);
        recipients[$"gone@{domain}"].Detail.ShouldBe("5.1.1 smtp; 550 5.1.1 User unknown");
        recipients[$"gone@{domain}"].PressContact!.BouncedAt.ShouldNotBeNull();
        recipients[$"slow@{domain}"].Status.ShouldNotBe(RecipientStatus.Bounced);
        recipients[$"slow@{domain}"].PressContact!.BouncedAt.ShouldBeNull();
        (await UnreadAsync(user)).ShouldBe(0); // each report handled once

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BounceReader>().ReadAsync(CancellationToken.None)).ShouldBe(0);
        }

        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        (await officer.GetStringAsync($"/editor/press/distributions/{distributionId}/progress")).ShouldContain("\"bounced\":1");
    }

    [Fact]
    public async Task A_mailbox_that_cannot_be_reached_is_an_error_the_worker_survives_not_a_crash()
    {
        await using var app = new CollectifApp
        {
            RunOutboxWorker = false,
            Settings = { ["Collectif:Email:Bounces:ImapHost"] = "127.0.0.1", ["Collectif:Email:Bounces:ImapPort"] = Collectif.Tests.Email.OutboxTests.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture), ["Collectif:Email:Bounces:Security"] = "None" },
        };
        await using var scope = app.Services.CreateAsyncScope();
        await Should.ThrowAsync<System.Net.Sockets.SocketException>(() => scope.ServiceProvider.GetRequiredService<BounceReader>().ReadAsync(CancellationToken.None));
        (await app.Anonymous().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static void RecipientFor(Collectif.Data.CollectifDb db, Distribution distribution, Collectif.Features.Statements.Statement release, PressContact contact, DateTime now)
    {
        db.PressContacts.Add(contact);
        var message = OutboxMessage.Create(contact.Email, "Communiqué", "Texte", now, reference: "distribution:test");
        message.Status = OutboxStatus.Sent;
        message.SentAt = now;
        db.DistributionRecipients.Add(new DistributionRecipient { Distribution = distribution, PressContact = contact, Email = contact.Email, Name = contact.Name, StatementId = release.Id, OutboxMessage = message });
    }
}
