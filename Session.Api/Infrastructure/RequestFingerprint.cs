using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// What a request sent with an Idempotency-Key asked for, so that the key coming back with another
/// request is caught (422) rather than answered as the first: SHA-256 of "operation|target|body
/// JSON", the body written with the storage options (generated code where the context has it).
/// </summary>
public static class RequestFingerprint
{
    public static string Of(string operation, Guid target, object body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{operation}|{target}|"));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ApiJson.Storage));
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexString(digest);
    }
}
