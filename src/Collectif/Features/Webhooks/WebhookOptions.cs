namespace Collectif.Features.Webhooks;

/// <summary>Settings of section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Allow webhook URLs on loopback and private networks. Off by default: otherwise anyone who can
    /// add a webhook could make the server call the machines behind it (SSRF). Tests and
    /// single-machine setups turn it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Attempts before a delivery is given up (a person can still redeliver it).</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool RunWorker { get; set; } = true;

    /// <summary>
    /// Delivered and given-up deliveries are deleted this long after they finished: the log is for
    /// debugging a receiver, and a payload may carry a consenting signer's details.
    /// </summary>
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>After a new secret is made, deliveries carry signatures with both secrets this long.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Wait after the n-th failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then a day.</summary>
    public static TimeSpan Backoff(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(30),
        4 => TimeSpan.FromHours(2),
        5 => TimeSpan.FromHours(6),
        6 => TimeSpan.FromHours(12),
        _ => TimeSpan.FromDays(1),
    };
}
