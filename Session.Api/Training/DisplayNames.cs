using System.Text;

namespace PokerTracker.SessionApi.Training;

/// <summary>
/// How leaderboard names are compared, so nobody can pose as another player: without case or
/// repeated spaces, full-width and other compatibility forms folded (NFKC), and Cyrillic or Greek
/// letters that look like Latin ones read as those ("Аce" with a Cyrillic А is "ace").
/// </summary>
public static class DisplayNames
{
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p',
        ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['һ'] = 'h',
        ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ɡ'] = 'g',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['μ'] = 'u', ['ν'] = 'v', ['ο'] = 'o',
        ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ζ'] = 'z',
    };

    /// <summary>The form two names are compared in: equal forms are the same name.</summary>
    public static string Compared(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var mapped = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            mapped.Append(LookAlikes.GetValueOrDefault(c, c));
        }

        return string.Join(' ', mapped.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
