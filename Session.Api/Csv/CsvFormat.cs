using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace PokerTracker.SessionApi.Csv;

internal static class CsvFormat
{
    /// <summary>For writing: RFC 4180 (comma, CRLF).</summary>
    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        NewLine = "\r\n",
        TrimOptions = TrimOptions.Trim,
        DetectColumnCountChanges = true,
        // A field with a line break of its own (a cell of several notes, one per line) is quoted: with a
        // fixed CRLF the library would only quote a CRLF, and a lone LF would end the record for any reader.
        ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || args.Field.AsSpan().IndexOfAny('\r', '\n') >= 0,
    };

    /// <summary>
    /// For reading what people have: any line ending (CRLF, LF, CR — CsvHelper recognises all three
    /// when no fixed one is set) and the delimiter the file uses.
    /// </summary>
    /// A row shorter than the header (a program that leaves out trailing empty cells) reads the
    /// missing cells as empty; a longer one is named by the importer (a comma outside quotes).
    public static CsvConfiguration ReadConfiguration(string delimiter) => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        Delimiter = delimiter,
        TrimOptions = TrimOptions.Trim,
        WhiteSpaceChars = delimiter == "\t" ? [' '] : [' ', '\t'],
        MissingFieldFound = null,
    };

    /// <summary>
    /// ',', ';' (what spreadsheets write where the decimal separator is a comma) or a tab (a sheet
    /// saved as TSV), told by the header line: column names contain none, so whichever separates
    /// them is the delimiter.
    /// </summary>
    public static string DetectDelimiter(string text)
    {
        // The header is the first line with something on it (a spreadsheet may leave blank lines above).
        var rest = text.AsSpan();
        var header = ReadOnlySpan<char>.Empty;
        while (!rest.IsEmpty && header.IsWhiteSpace())
        {
            var end = rest.IndexOfAny('\r', '\n');
            header = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlySpan<char>.Empty : rest[(end + 1)..];
        }

        var (commas, semicolons, tabs) = (header.Count(','), header.Count(';'), header.Count('\t'));
        return tabs > commas && tabs > semicolons ? "\t" : semicolons > commas ? ";" : ",";
    }

    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>
    /// Free text that a spreadsheet would run as a formula (it starts with = + - @, a tab or CR)
    /// gets a leading apostrophe, which spreadsheets show as text; <see cref="Restore"/> removes it on import.
    /// </summary>
    public static string Defuse(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>The text as it was before <see cref="Defuse"/>.</summary>
    public static string Restore(string text) => text.Length > 1 && text[0] == '\'' && FormulaStarts.Contains(text[1]) ? text[1..] : text;

    /// <summary>
    /// ISO 8601 with milliseconds: the time at the table with its offset when the session's zone is
    /// known ("2026-11-20T11:00:00.000-08:00"), so a spreadsheet shows the player's own clock and a
    /// file saved without offsets still reads right with its <c>time_zone</c>; UTC otherwise ("…Z").
    /// </summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo? zone) => zone is null
        ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
