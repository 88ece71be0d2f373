using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Tests;

/// <summary>
/// A fingerprint is kept with its idempotency record for a day: one computed after an update must be the
/// one computed before it for the same request, or a retry sent across a deployment is refused (422).
/// </summary>
public sealed class RequestFingerprintTests
{
    // The fingerprint as it was first defined: SHA-256 of "operation|target|" and the body's JSON.
    private static string AsFirstDefined(string operation, Guid target, object body)
    {
        var bytes = Encoding.UTF8.GetBytes($"{operation}|{target}|").Concat(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ApiJson.Storage)).ToArray();
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    public static TheoryData<string, object> Requests()
    {
        var at = new DateTimeOffset(2026, 12, 4, 21, 15, 0, TimeSpan.FromHours(-8));
        return new TheoryData<string, object>
        {
            { "stack", new UpdateStackCommand(48_200, at) },
            { "stack", new UpdateStackCommand(0) },
            { "note", new AddNoteCommand("AKs < QQ & \"Sam\" ♠ ça va 🂡\nall in", at) },
            { "note", new AddNoteCommand(new string('x', 100_000)) },
            { "bankroll", new { name = "Live £", amount = 150_000m, note = (string?)null } },
        };
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_has_the_fingerprint_it_always_had(string operation, object body)
    {
        var target = Guid.CreateVersion7();
        Assert.Equal(AsFirstDefined(operation, target, body), RequestFingerprint.Of(operation, target, body));
    }

    [Fact]
    public void Fingerprints_one_after_another_on_a_thread_do_not_mix()
    {
        var target = Guid.CreateVersion7();
        var requests = Requests().Select(r => ((string)r[0], r[1])).ToList();
        var first = requests.Select(r => RequestFingerprint.Of(r.Item1, target, r.Item2)).ToList();
        var again = requests.AsEnumerable().Reverse().Select(r => RequestFingerprint.Of(r.Item1, target, r.Item2)).Reverse().ToList();
        Assert.Equal(first, again);
        Assert.Equal(first.Count, first.Distinct().Count());
    }
}
