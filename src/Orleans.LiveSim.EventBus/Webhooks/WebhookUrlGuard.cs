using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus.Webhooks;

/// <summary>
/// No SSRF: a webhook may only reach public addresses, unless its host is on <see cref="WebhookOptions.AllowedHosts"/>.
/// Checked when the webhook is registered and again on every connection (the name is resolved once and the socket
/// connects to the address that was checked, so DNS rebinding cannot swap it).
/// </summary>
public sealed class WebhookUrlGuard(IOptions<WebhookOptions> options)
{
    private readonly HashSet<string> _allowed = new(options.Value.AllowedHosts, StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the URL may be used, else why not.</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not carry credentials";
        }

        try
        {
            await ResolveAsync(uri.IdnHost, cancellationToken);
            return null;
        }
        catch (WebhookTargetRefusedException ex)
        {
            return ex.Message;
        }
        catch (SocketException)
        {
            return $"host '{uri.Host}' does not resolve";
        }
    }

    /// <summary>The addresses of <paramref name="host"/>, all of them allowed; throws when any is not.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (_allowed.Contains(host))
        {
            return addresses;
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (addresses.FirstOrDefault(a => !IsPublic(a)) is { } inner)
        {
            throw new WebhookTargetRefusedException($"host '{host}' resolves to {inner}, a loopback, private or link-local address (allow it with LiveSim:Webhooks:AllowedHosts)");
        }

        return addresses;
    }

    /// <summary>Whether an address is on the public internet: not loopback, private, link-local, CGNAT, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any)
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b));
        }

        return false;
    }
}

/// <summary>A webhook target that resolves to an address webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
