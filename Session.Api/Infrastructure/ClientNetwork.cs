using System.Net;
using System.Net.Sockets;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// Whom the per-address limits count: an IPv4 address, or an IPv6 client's /64 — one subscriber's
/// network, in which every device (and anyone rotating through it) picks addresses freely, so that
/// counting single IPv6 addresses would give one client billions of fresh budgets.
/// </summary>
public static class ClientNetwork
{
    public static string Of(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ when Key(address) is { } network && !ReferenceEquals(network, address) => network + "/64",
        _ => address.ToString(),
    };

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    /// <summary>
    /// The same, as an address to compare (on every command: no text made): the client's own, or for
    /// IPv6 its /64's first address. An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is itself.
    /// </summary>
    public static IPAddress? Key(IPAddress? address)
    {
        if (address is null || address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6 || IPAddress.IsLoopback(address))
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
