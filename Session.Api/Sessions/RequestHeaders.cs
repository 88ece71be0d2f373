using System.Text.RegularExpressions;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>The optional headers of commands: Idempotency-Key and If-Match (the session version).</summary>
internal static partial class RequestHeaders
{
    public static string? IdempotencyKey(HttpRequest request)
    {
        var value = request.Headers["Idempotency-Key"].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return KeyPattern().IsMatch(value) ? value : throw Invalid("Idempotency-Key", "Use 1 to 100 letters, digits, '-', '_', '.' or ':' (a UUID is best).");
    }

    public static long? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*")
        {
            return null;
        }

        var match = VersionPattern().Match(value);
        return match.Success && long.TryParse(match.Groups[1].Value, out var version)
            ? version
            : throw Invalid("If-Match", "Send the session's ETag, e.g. \"7\".");
    }

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = $"\"{version}\"";

    private static InvalidInputException Invalid(string header, string message) =>
        new(new Dictionary<string, string[]> { [header] = [message] });

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^(?:W/)?\"?([0-9]{1,18})\"?$")]
    private static partial Regex VersionPattern();
}
