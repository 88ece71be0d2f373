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
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);
}
