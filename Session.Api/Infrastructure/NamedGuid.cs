using System.Security.Cryptography;
using System.Text;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>A name-based id (version 8, RFC 9562, from SHA-256): the same name always gives the same id.</summary>
public static class NamedGuid
{
    public static Guid Of(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8, as Guid lays the bytes out
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes);
    }
}
