namespace PokerTracker.Tools.ClickHouseHost.Sql;

/// <summary>What kind of statement a request carries, as far as the HTTP layer needs to know.</summary>
internal enum StatementKind
{
    Query,
    /// <summary>INSERT whose rows come as data in a format (FORMAT x, or VALUES with no rows in the text).</summary>
    InsertWithData,
    /// <summary>SET or USE: without a session they affect only their own request, so nothing.</summary>
    SessionOnly,
}

/// <summary>
/// The result of inspecting a statement. For <see cref="StatementKind.InsertWithData"/>,
/// <see cref="Statement"/> is the INSERT without its FORMAT clause and <see cref="DataStart"/>
/// is where inline data begins in the inspected text (its length when there is none).
/// </summary>
internal sealed record StatementShape(StatementKind Kind, string Statement, string? Format, int DataStart);

/// <summary>
/// A small scanner over ClickHouse SQL that skips string literals, quoted identifiers and
/// comments, so keywords inside them are never mistaken for clauses.
/// </summary>
internal static class StatementInspector
{
    public static StatementShape Inspect(string text)
    {
        var words = TopLevelWords(text, stopAtInsertData: true);
        if (words.Count == 0)
        {
            return new StatementShape(StatementKind.Query, text, null, text.Length);
        }

        var first = words[0].Word;
        if (first is "SET" or "USE")
        {
            return new StatementShape(StatementKind.SessionOnly, text, null, text.Length);
        }

        if (first == "INSERT")
        {
            for (var i = 1; i < words.Count; i++)
            {
                var (word, start, end) = words[i];
                if (word is "SELECT" or "WITH")
                {
                    break;
                }

                if (word == "FORMAT" && i + 1 < words.Count)
                {
                    var name = words[i + 1];
                    var dataStart = SkipWhitespace(text, name.End);
                    return new StatementShape(StatementKind.InsertWithData, text[..start].TrimEnd(), text[name.Start..name.End], dataStart);
                }

                if (word == "VALUES" && string.IsNullOrWhiteSpace(text[end..]))
                {
                    return new StatementShape(StatementKind.InsertWithData, text[..start].TrimEnd(), "Values", text.Length);
                }
            }

            return new StatementShape(StatementKind.Query, text, null, text.Length);
        }

        // A trailing FORMAT clause names the output format.
        for (var i = words.Count - 2; i >= 0; i--)
        {
            if (words[i].Word == "FORMAT")
            {
                return new StatementShape(StatementKind.Query, text, text[words[i + 1].Start..words[i + 1].End], text.Length);
            }

            if (words[i].Word is "SETTINGS" or "FROM" or "WHERE" or "SELECT")
            {
                break;
            }
        }

        return new StatementShape(StatementKind.Query, text, null, text.Length);
    }

    /// <summary>Upper-cased words outside literals, comments and parentheses, with their positions.</summary>
    /// <remarks>
    /// With <paramref name="stopAtInsertData"/>, scanning ends at the word after an INSERT's
    /// FORMAT: what follows is data (possibly megabytes of binary rows), not SQL.
    /// </remarks>
    private static List<(string Word, int Start, int End)> TopLevelWords(string text, bool stopAtInsertData)
    {
        var words = new List<(string, int, int)>();
        var depth = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"' or '`')
            {
                i = SkipQuoted(text, i, c);
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '-' || c == '#')
            {
                i = SkipLine(text, i);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
            }
            else if (c == '(' || c == '[')
            {
                depth++;
                i++;
            }
            else if (c == ')' || c == ']')
            {
                depth = Math.Max(0, depth - 1);
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (depth == 0)
                {
                    words.Add((text[start..i].ToUpperInvariant(), start, i));
                    if (stopAtInsertData && words.Count > 2 && words[0].Item1 == "INSERT" && words[^2].Item1 == "FORMAT")
                    {
                        return words;
                    }
                }
            }
            else
            {
                i++;
            }
        }

        return words;
    }

    internal static int SkipQuoted(string text, int start, char quote)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    private static int SkipLine(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>
    /// As ClickHouse does: data starts after the first newline that follows the format name, or
    /// after all the whitespace when there is no newline (binary data may itself begin with one).
    /// </summary>
    private static int SkipWhitespace(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            if (text[i] == '\n')
            {
                return i + 1;
            }

            i++;
        }

        return i;
    }
}
