using System.Text;
using System.Text.RegularExpressions;

namespace PokerTracker.SessionApi.Training;

/// <summary>
/// How leaderboard names are compared, so nobody can pose as another player: without case, spaces
/// or separators ("Ace High", "AceHigh" and "ace_high" are one name), full-width and other
/// compatibility forms folded (NFKC), Cyrillic or Greek letters that look like Latin ones read
/// as those ("Аce" with a Cyrillic А is "ace"), and digits and l/I as the letters they pass for ("B0b" is "Bob").
/// </summary>
public static partial class DisplayNames
{
    private static readonly char[] Separators = [' ', '-', '_', '.'];

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

    // Names that would pose as the app or the people who run it.
    private static readonly HashSet<string> Reserved =
        ["admin", "administrator", "sysadmin", "moderator", "mod", "support", "staff", "official", "pokertracker"];

    // Titles refused at the start or end of a name run together ("theadmin", "adminbob"): no ordinary name begins or ends so.
    private static readonly string[] StaffTitles = ["admin", "moderator"];

    // Leaderboards are public. Words refused as a name's word, as its start (for those that only start
    // bad words: "fucker", "shithead") or anywhere in it (for those no ordinary word contains).
    private static readonly HashSet<string> OffensiveWords =
        ["shit", "shits", "shitty", "bullshit", "piss", "twat", "wank", "wanker", "prick", "bastard", "arse", "ass", "tits", "porn", "nazi", "hitler", "rape", "rapist"];
    private static readonly string[] OffensiveStarts = ["fuck", "shithead", "cunt", "bitch", "slut", "whore", "retard", "asshole", "dickhead"];
    private static readonly string[] OffensiveAnywhere = ["fuck", "nigger", "nigga", "faggot", "motherf"];

    // Digits read as the letters they stand in for ("4dm1n", "sh1t").
    private static readonly Dictionary<char, char> Digits = new() { ['0'] = 'o', ['1'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['8'] = 'b' };

    /// <summary>Why a name may not be shown on the public boards, or null when it may.</summary>
    public static string? Refusal(string name)
    {
        // Words as a reader sees them: "TheAdmin" is two, digits read as letters ("4dm1n"), and
        // without a number at their end or a plural's s ("Admin1", "Admins").
        var words = Folded(CamelHump().Replace(name.Normalize(NormalizationForm.FormKC), " ")).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var read = words.Select(Read).ToArray();
        var joined = string.Concat(read);
        bool Kept(string word) => Reserved.Contains(word) || (word.Length > 3 && word.EndsWith('s') && Reserved.Contains(word[..^1]));
        if (read.Any(Kept) || words.Select(w => Read(w.TrimEnd("0123456789".ToCharArray()))).Any(Kept)
            || Reserved.Contains(joined) || joined.Contains("pokertracker", StringComparison.Ordinal)
            || StaffTitles.Any(t => joined.StartsWith(t, StringComparison.Ordinal) || joined.EndsWith(t, StringComparison.Ordinal) || joined.EndsWith(t + "s", StringComparison.Ordinal)))
        {
            return "This name is kept for the app and the people who run it; choose another.";
        }

        var offensive = read.Any(w => OffensiveWords.Contains(w) || OffensiveStarts.Any(o => w.StartsWith(o, StringComparison.Ordinal)))
            || OffensiveAnywhere.Any(o => joined.Contains(o, StringComparison.Ordinal));
        return offensive ? "Leaderboards are public: choose a name without swear words or slurs." : null;
    }

    /// <summary>
    /// The form two names are compared in: equal forms are the same name. Digits read as the letters
    /// they stand in for, and l as i (a capital I is an l in most fonts): "B0b", "A1ice" and "AIice" are
    /// "Bob" and "Alice" to a reader of the board.
    /// </summary>
    public static string Compared(string name) =>
        new([.. Read(Folded(name)).Where(c => Array.IndexOf(Separators, c) < 0).Select(c => c == 'l' ? 'i' : c)]);

    private static string Read(string word) => new([.. word.Select(c => Digits.GetValueOrDefault(c, c))]);

    /// <summary>Compatibility forms folded, lower case, look-alike letters read as Latin ones; separators kept.</summary>
    private static string Folded(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var mapped = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            mapped.Append(LookAlikes.GetValueOrDefault(c, c));
        }

        return mapped.ToString();
    }

    /// <summary>Where a lower-case letter meets an upper-case one: "TheAdmin" reads as "The Admin".</summary>
    [GeneratedRegex(@"(?<=\p{Ll})(?=\p{Lu})")]
    private static partial Regex CamelHump();
}
