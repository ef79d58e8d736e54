using System.Net;
using System.Net.Sockets;

namespace Collectif.Features.Webhooks;

/// <summary>
/// Which addresses a webhook may reach. Checked when the URL is saved (by name) and again on every
/// connection, on the address actually dialled, so a name that later resolves to 127.0.0.1 or
/// 10.0.0.5 (DNS rebinding) is refused too.
/// </summary>
public static class WebhookAddresses
{
    public static string? ProblemWithUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > Webhook.UrlMaxLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "Enter the full address, such as https://crm.example.org/hooks/collectif.";
        }

        if (uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The address must start with https:// (or http://) and hold no user name or password.";
        }

        return null;
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] == 0 || b[0] >= 224;
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }

    /// <summary>The HTTP handler webhooks are sent with: no redirects, no cookies, private addresses refused unless allowed.</summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToList();
            if (allowed.Count == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to private or loopback addresses, which webhooks may not call.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
