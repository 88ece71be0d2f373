using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;

namespace PokerTracker.SessionApi.Csv;

/// <summary>Typed access to one row's fields, recording a precise error for each bad one.</summary>
internal sealed class RowReader(CsvReader csv, int row, List<CsvRowError> errors)
{
    private readonly StringBuilder _typed = new();
    private readonly StringBuilder _meant = new();

    /// <param name="identity">
    /// Whether the field is part of the row's identity (<see cref="Hash"/>, which names the
    /// imported session): notes are not, so an older file without them names the same sessions.
    /// </param>
    public string? Text(string column, bool required = false, bool identity = true)
    {
        var value = Field(column, required, identity);
        if (identity)
        {
            Meant(column, value?.ToLowerInvariant());
        }

        return value;
    }

    private string? Field(string column, bool required, bool identity)
    {
        var value = csv.TryGetField<string>(column, out var text) ? text is null ? null : CsvFormat.Restore(text.Trim()) : null;
        if (identity)
        {
            _typed.Append(column).Append('=').Append(value).Append('|');
        }

        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Add(new CsvRowError(row, column, "Is required."));
            }

            return null;
        }

        return value;
    }

    public long? Long(string column, bool required = false)
    {
        var text = Field(column, required, identity: true);
        if (text is null)
        {
            Meant(column, null);
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Meant(column, value.ToString(CultureInfo.InvariantCulture));
            return value;
        }

        errors.Add(new CsvRowError(row, column, $"'{Short(text)}' is not a whole number of minor units."));
        return null;
    }

    /// <summary>A number where a spreadsheet's 0 means "none": no straddle, no finishing place in a cash game.</summary>
    public long? LongOrNone(string column) => Long(column) is { } value && value != 0 ? value : null;

    /// <inheritdoc cref="LongOrNone"/>
    public int? IntOrNone(string column) => Int(column) is { } value && value != 0 ? value : null;

    public int? Int(string column) => Long(column) is { } value ? value is >= int.MinValue and <= int.MaxValue ? (int)value : Fail(column) : null;

    public DateTimeOffset? Time(string column, bool required = false)
    {
        var text = Field(column, required, identity: true);
        if (text is null)
        {
            Meant(column, null);
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            Meant(column, value.UtcTicks.ToString(CultureInfo.InvariantCulture));
            return value;
        }

        errors.Add(new CsvRowError(row, column, $"'{Short(text)}' is not an ISO 8601 time, e.g. 2026-11-20T19:00:00Z."));
        return null;
    }

    /// <summary>The row's identity as typed: what files imported before this release were named by.</summary>
    public string TypedHash() => Hash(_typed);

    /// <summary>
    /// The row's identity as meant: times as instants, numbers as numbers, text in any case. A file
    /// saved again by a spreadsheet (times re-typed as "10/2/2026 18:00" or "+00:00") names the same sessions.
    /// </summary>
    public string Hash() => "m" + Hash(_meant);

    private void Meant(string column, string? value) => _meant.Append(column).Append('=').Append(value).Append('|');

    private static string Hash(StringBuilder all) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())))[..24].ToLowerInvariant();

    private int? Fail(string column)
    {
        errors.Add(new CsvRowError(row, column, "Is out of range."));
        return null;
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
