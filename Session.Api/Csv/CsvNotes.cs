using System.Text.RegularExpressions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>
/// A session's notes in one cell. One note per line, as people keep them in a spreadsheet; when a
/// note has lines of its own, each note ends with a line of three dashes instead, so that each comes
/// back whole, its blank lines too (a line of a note that is three dashes itself is written "- - -").
/// Cells written before that, with notes parted by a blank line, are still read.
/// </summary>
internal static partial class CsvNotes
{
    public const string End = "---";

    public static string Join(IEnumerable<string> notes)
    {
        var texts = notes.Select(n => string.Join('\n', Lines(n).Select(l => l == End ? "- - -" : l)).Trim()).Where(t => t.Length > 0).ToList();
        return texts.Any(t => t.Contains('\n')) ? string.Join('\n', texts.Select(t => t + "\n" + End)) : string.Join('\n', texts);
    }

    public static string[] Split(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return [];
        }

        // The new form ends with its line of dashes; a cell written before, with a note of dashes among
        // others, is read as it was written.
        var lines = Lines(cell).ToList();
        if (lines.LastOrDefault(l => l.Length > 0) == End)
        {
            var notes = new List<string>();
            var note = new List<string>();
            foreach (var line in lines.Append(End))
            {
                if (line != End)
                {
                    note.Add(line);
                    continue;
                }

                if (string.Join('\n', note).Trim() is { Length: > 0 } text)
                {
                    notes.Add(text);
                }

                note.Clear();
            }

            return [.. notes];
        }

        var joined = string.Join('\n', lines);
        var parts = BlankLine().IsMatch(joined) ? BlankLine().Split(joined) : joined.Split('\n');
        return [.. parts.Select(n => n.Trim()).Where(n => n.Length > 0)];
    }

    /// <summary>The lines of a text, whatever its line endings, each without the spaces at its ends.</summary>
    private static IEnumerable<string> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim());

    [GeneratedRegex(@"\n[ \t]*\n+")]
    private static partial Regex BlankLine();
}
