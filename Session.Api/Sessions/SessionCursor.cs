using System.Globalization;
using System.Text;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>Opaque list cursors: a position in the player's sessions (start time, then id).</summary>
public static class SessionCursor
{
    public static string Of(SessionSummary s) => Encode(s.StartedAt.ToUnixTimeMilliseconds(), s.Id.ToString());

    public static string Encode(double score, string? id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{score.ToString("R", CultureInfo.InvariantCulture)}|{id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (double Score, string? AfterId) Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (double.PositiveInfinity, null);
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/') + new string('=', (4 - cursor.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            if (parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var score) && !double.IsNaN(score) && Guid.TryParse(parts[1], out _))
            {
                return (score, parts[1]);
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidInputException(new Dictionary<string, string[]> { ["cursor"] = ["Is not a cursor this API issued."] });
    }
}
