using Collectif.Data;
using Collectif.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Email;

public class OutboxTests
{
    private static string Address() => $"reader-{Guid.NewGuid():N}@example.org";

    private static async Task<long> EnqueueAsync(CollectifApp app, string to, string subject = "Appel à signatures", string text = "Bonjour,\nvotre organisation est invitée à signer « Libérez Omar Alsoumi ».")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var message = OutboxMessage.Create(to, subject, text, app.Clock.GetUtcNow().UtcDateTime, reference: "test");
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private static async Task<int> ProcessAsync(CollectifApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().ProcessDueAsync();
    }

    private static Task<OutboxMessage> LoadAsync(CollectifApp app, long id) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task A_committed_message_reaches_the_smtp_server_with_its_french_text_intact()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var to = Address();
        var id = await EnqueueAsync(app, to);

        (await ProcessAsync(app)).ShouldBe(1);

        var received = await SmtpSink.WaitForMessageAsync(to);
        received.Subject.ShouldBe("Appel à signatures");
        received.TextBody!.ShouldContain("« Libérez Omar Alsoumi »");
        received.From.Mailboxes.Single().Address.ShouldBe("secretariat@collectif.example");
        var stored = await LoadAsync(app, id);
        stored.Status.ShouldBe(OutboxStatus.Sent);
        stored.SentAt!.Value.ShouldBe(app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        (await ProcessAsync(app)).ShouldBe(0); // sent once only
    }

    [Fact]
    public async Task The_background_worker_sends_without_being_asked()
    {
        await using var app = new CollectifApp();
        var to = Address();
        await EnqueueAsync(app, to);

        app.Services.GetRequiredService<OutboxSignal>().Notify();

        (await SmtpSink.WaitForMessageAsync(to)).Subject.ShouldBe("Appel à signatures");
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_message_waits_and_survives_a_restart()
    {
        var to = Address();
        long id;
        await using var first = new CollectifApp { RunOutboxWorker = false };
        await using (var down = CollectifApp.Restart(first, smtpPort: ClosedPort()))
        {
            id = await EnqueueAsync(down, to);
            (await ProcessAsync(down)).ShouldBe(0);
            var waiting = await LoadAsync(down, id);
            waiting.Status.ShouldBe(OutboxStatus.Pending);
            waiting.Attempts.ShouldBe(1);
            waiting.LastError.ShouldNotBeNullOrEmpty();
            waiting.NextAttemptAt.ShouldBe(down.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
        }

        // The application restarts with the mail server back.
        await using var restarted = CollectifApp.Restart(first);
        (await ProcessAsync(restarted)).ShouldBe(0); // not due yet: backoff is respected
        restarted.Clock.Advance(TimeSpan.FromMinutes(2));

        (await ProcessAsync(restarted)).ShouldBe(1);

        (await SmtpSink.WaitForMessageAsync(to)).Subject.ShouldBe("Appel à signatures");
        (await LoadAsync(restarted, id)).Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_message_is_given_up_after_the_last_attempt()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false, SmtpPort = ClosedPort() };
        var id = await EnqueueAsync(app, Address());

        for (var attempt = 0; attempt < OutboxMessage.MaxAttempts; attempt++)
        {
            await ProcessAsync(app);
            app.Clock.Advance(TimeSpan.FromHours(13));
        }

        var stored = await LoadAsync(app, id);
        stored.Status.ShouldBe(OutboxStatus.Failed);
        stored.Attempts.ShouldBe(OutboxMessage.MaxAttempts);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 15)]
    [InlineData(4, 60)]
    [InlineData(7, 720)]
    public void Backoff_grows_between_attempts(int attempts, int minutes) =>
        OutboxMessage.Backoff(attempts).ShouldBe(TimeSpan.FromMinutes(minutes));

    internal static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
