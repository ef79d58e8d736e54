using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Collectif.Email;

/// <summary>Sends one outbox message over SMTP with MailKit (MIME built by MimeKit, never by hand).</summary>
public sealed class SmtpMailSender(IOptions<EmailOptions> options)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.SmtpHost);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mime.Subject = message.Subject;
        // Retried sends keep one Message-Id, so receiving servers can drop a duplicate.
        mime.MessageId = $"outbox-{message.Id}-{message.CreatedAt.Ticks}@{settings.FromAddress.Split('@').Last()}";
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = 30_000 };
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
