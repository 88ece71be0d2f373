using System.Text.RegularExpressions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>
/// A session's notes in one cell. One note per line, as people keep them in a spreadsheet; when a
/// note has lines of its own, the notes are parted by a blank line instead, so each comes back whole.
/// </summary>
internal static partial class CsvNotes
{
    public static string Join(IEnumerable<string> notes)
    {
        // A note's own blank lines would part it in two: its lines are kept, its blank lines are not.
        var texts = notes.Select(n => string.Join('\n', Lines(n).Where(l => l.Length > 0))).ToList();
        return string.Join(texts.Any(t => t.Contains('\n')) ? "\n\n" : "\n", texts);
    }

    public static string[] Split(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return [];
        }

        var text = string.Join('\n', Lines(cell));
        var notes = BlankLine().IsMatch(text) ? BlankLine().Split(text) : text.Split('\n');
        return [.. notes.Select(n => n.Trim()).Where(n => n.Length > 0)];
    }

    /// <summary>The lines of a text, whatever its line endings, each without the spaces at its ends.</summary>
    private static IEnumerable<string> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim());

    [GeneratedRegex(@"\n[ \t]*\n+")]
    private static partial Regex BlankLine();
}
