extern alias product;

using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using product::Collectif.Data;
using product::Collectif.Email;
using product::Collectif.Features.Press;

/// <summary>
/// Press fan-out: the product's whole path (a distribution scheduled through DistributionService,
/// then the OutboxProcessor draining it over one SMTP connection) against a bare MailKit loop sending
/// the same messages over one reused connection to the same SMTP server, in the same run.
/// Memory is sampled while the product sends, to see whether it stays flat.
/// </summary>
internal static class PressFanout
{
    public static async Task<int> RunAsync(string data, int smtpPort, int count, bool withBaseline)
    {
        Directory.CreateDirectory(data);
        var app = product::Program.BuildWebApplication([
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--Collectif:DataDirectory", data,
            "--Collectif:DemoData", "true",
            "--Collectif:SecureCookies", "false",
            "--Collectif:Admin:Password", "bench password not for production",
            "--Collectif:Email:SmtpHost", "127.0.0.1",
            "--Collectif:Email:SmtpPort", smtpPort.ToString(CultureInfo.InvariantCulture),
            "--Collectif:Email:Security", "None",
            "--Collectif:Email:RunWorker", "false", // this program drives the processor and times it
            "--Collectif:Email:BatchSize", "200",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        try
        {
            var listId = await SeedContactsAsync(app.Services, count);

            // Baseline: the same messages, built the same way, sent in a plain loop over one connection.
            var options = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
            var sample = await PlanMessagesAsync(app.Services, listId);
            var baseline = Stopwatch.StartNew();
            using (var client = withBaseline ? new SmtpClient() : null)
            {
                if (client is not null)
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync("127.0.0.1", smtpPort);
                    await client.ConnectAsync(socket, "127.0.0.1", smtpPort, SecureSocketOptions.None);
                }

                for (var i = 0; client is not null && i < count; i++)
                {
                    var message = OutboxMessage.Create($"baseline{i}@bench.example.org", sample.Subject, "", DateTime.UnixEpoch, toName: $"Journaliste {i}");
                    message.UnsubscribeUrl = "http://localhost/press/unsubscribe/baseline" + i.ToString(CultureInfo.InvariantCulture);
                    await client.SendAsync(SmtpMailSender.Build(message, sample, options));
                }

                if (client is not null)
                {
                    await client.DisconnectAsync(true);
                }
            }

            baseline.Stop();

            // The product: schedule through the service (one transaction), then drain the outbox.
            var rssSamples = new List<long>();
            var product = Stopwatch.StartNew();
            TimeSpan scheduled;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
                var distributions = scope.ServiceProvider.GetRequiredService<DistributionService>();
                var release = await db.Statements.SingleAsync(s => s.Slug == "paris-call-for-peace");
                var plan = await distributions.PlanAsync(release, [listId], [], CancellationToken.None);
                await distributions.ScheduleAsync(release, plan, ["bench"], TimeProvider.System.GetUtcNow().UtcDateTime, null, CancellationToken.None);
                scheduled = product.Elapsed;
            }

            var sent = 0;
            using var sampler = new Timer(_ => { lock (rssSamples) { rssSamples.Add(Environment.WorkingSet); } }, null, 0, 250);
            while (sent < count)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var processed = await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().ProcessDueAsync();
                if (processed == 0)
                {
                    break;
                }

                sent += processed;
            }

            product.Stop();
            long[] rss;
            lock (rssSamples)
            {
                rss = [.. rssSamples];
            }

            // Flat memory: the second half of the send holds no more than the first half did (mail is not accumulated).
            var firstHalf = rss.Take(rss.Length / 2).DefaultIfEmpty(0).Max();
            var secondHalf = rss.Skip(rss.Length / 2).DefaultIfEmpty(0).Max();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BENCH {{\"count\":{count},\"sent\":{sent},\"baseline_seconds\":{(withBaseline ? baseline.Elapsed.TotalSeconds : 0):0.000},\"baseline_rps\":{(withBaseline ? count / baseline.Elapsed.TotalSeconds : 0):0.0}," +
                $"\"product_seconds\":{product.Elapsed.TotalSeconds:0.000},\"schedule_seconds\":{scheduled.TotalSeconds:0.000},\"product_rps\":{sent / product.Elapsed.TotalSeconds:0.0}," +
                $"\"rss_first_half_mb\":{firstHalf / 1048576.0:0.0},\"rss_second_half_mb\":{secondHalf / 1048576.0:0.0},\"rss_peak_mb\":{rss.DefaultIfEmpty(0).Max() / 1048576.0:0.0}}}"));
            return sent == count ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<int> SeedContactsAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var list = new PressList { Name = "Bench " + count.ToString(CultureInfo.InvariantCulture), CreatedAt = now };
        db.PressLists.Add(list);
        for (var i = 0; i < count; i++)
        {
            var contact = ContactImporter.NewContact($"journaliste{i}@bench.example.org", $"Journaliste {i}", now);
            contact.Languages = i % 3 == 0 ? "en" : "fr";
            list.Members.Add(new PressListMember { PressContact = contact });
            if (i % 5000 == 4999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                db.Attach(list);
            }
        }

        await db.SaveChangesAsync();
        return list.Id;
    }

    // The content the product will send, rendered by the product, so both sides send the same bytes.
    private static async Task<OutboxContent> PlanMessagesAsync(IServiceProvider services, int listId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var release = await db.Statements.SingleAsync(s => s.Slug == "paris-call-for-peace");
        var mail = await scope.ServiceProvider.GetRequiredService<DistributionService>().RenderAsync(release, TimeProvider.System.GetUtcNow().UtcDateTime, CancellationToken.None);
        _ = listId;
        return new OutboxContent { Subject = mail.Subject, TextBody = mail.Text, HtmlBody = mail.Html };
    }
}
