using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>Typed access to one row's fields, recording a precise error for each bad one.</summary>
/// <param name="order">Which way round the file writes numeric dates, as far as its dates show (<see cref="CsvDates"/>).</param>
/// <param name="playerZone">The player's time zone, sent with the import: what a time without an offset is read in when the row names none.</param>
internal sealed partial class RowReader(CsvReader csv, int row, List<CsvRowError> errors, DayOrder order = DayOrder.Unknown, TimeZoneInfo? playerZone = null)
{
    /// <summary>The longest a session can be: of a numeric date's two readings, the one within it is meant.</summary>
    public static readonly TimeSpan LongestSession = TimeSpan.FromDays(3);

    private readonly StringBuilder _typed = new();
    private readonly StringBuilder _meant = new();

    // Amounts written as whole numbers (read in cents) and the first written with decimals or a sign,
    // for MixedUnits.
    private readonly Dictionary<string, (string Text, long Value)> _inCents = new(StringComparer.Ordinal);

    /// <summary>Whether the column's amount was written as a whole number (read in minor units), not as a spreadsheet writes money.</summary>
    public bool InCents(string column) => _inCents.ContainsKey(column);
    private (string Column, string Text)? _asMoney;

    /// <summary>The zone the row's times without an offset were read in (its <c>time_zone</c>, else the player's); null when none.</summary>
    public TimeZoneInfo? Zone { get; private set; }

    /// <summary>
    /// The zone the session was played in: the row's <c>time_zone</c>; else, for a start written with an
    /// offset other than UTC's, the player's zone when it had that offset then, or the fixed zone of that
    /// offset (the clock the player wrote down); else the player's.
    /// </summary>
    public TimeZoneInfo? PlayedIn { get; private set; }

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

    /// <param name="count">A count (seconds, hands, places) rather than money, which the file holds in minor units.</param>
    public long? Long(string column, bool required = false, bool count = false)
    {
        var text = Field(column, required, identity: true);
        if (text is null)
        {
            Meant(column, null);
            return null;
        }

        // A count as a spreadsheet writes it, grouped by thousands ("1,234", "1.234", "1 234"): a count has no decimals.
        var digits = count && GroupedCount().IsMatch(text) ? string.Concat(text.Where(char.IsAsciiDigit)) : text;
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Meant(column, value.ToString(CultureInfo.InvariantCulture));
            if (!count && value != 0)
            {
                _inCents[column] = (text, value);
            }

            return value;
        }

        // Money as a spreadsheet writes it ("$1,234.50", "250,00"), in the row's currency; the currency
        // is looked at, not read, so that the row's identity is what it always was.
        var currency = csv.TryGetField<string>("currency", out var code) && code is not null ? code.Trim().ToUpperInvariant() : "";
        switch (count ? CsvMoney.Outcome.NotMoney : CsvMoney.TryRead(text, currency, out value))
        {
            case CsvMoney.Outcome.Read:
                Meant(column, value.ToString(CultureInfo.InvariantCulture));
                _asMoney ??= (column, text);
                return value;
            case CsvMoney.Outcome.TooManyDecimals:
                errors.Add(new CsvRowError(row, column, $"'{Short(text)}' has more decimals than {(currency.Length == 3 ? currency : "the currency")} has ({MoneyText.Digits(currency)})."));
                return null;
        }

        errors.Add(new CsvRowError(row, column, count
            ? $"'{Short(text)}' is not a whole number."
            : $"'{Short(text)}' is not an amount: write it as 1234.50 or $1,234.50, or in cents as the export does (123450)."));
        return null;
    }

    /// <summary>
    /// A row that writes some amounts as a spreadsheet does ("2.00", "$300") and others as whole numbers
    /// ("450"), which are read in cents: a half-formatted sheet, where "450" meant 450.00. Each whole
    /// number not named already is named, rather than imported at a hundredth of what it meant.
    /// </summary>
    public void MixedUnits(string currency)
    {
        var digits = MoneyText.Digits(currency);
        if (_asMoney is not { } written || digits == 0)
        {
            return;
        }

        foreach (var (column, (text, value)) in _inCents)
        {
            if (!errors.Exists(e => e.Row == row && e.Column == column))
            {
                var meant = text + "." + new string('0', digits);
                errors.Add(new CsvRowError(row, column, string.Create(CultureInfo.InvariantCulture,
                    $"'{Short(text)}' is read in cents ({MoneyText.Format(value, currency)}), but this row writes {written.Column} as '{Short(written.Text)}': write {meant} for {MoneyText.Format(value * (long)Math.Pow(10, digits), currency)}, or every amount in cents, as the export does.")));
            }
        }
    }

    /// <summary>A number where a spreadsheet's 0 means "none": no straddle, no finishing place in a cash game.</summary>
    public long? LongOrNone(string column) => Long(column) is { } value && value != 0 ? value : null;

    /// <inheritdoc cref="LongOrNone"/>
    public int? IntOrNone(string column) => Int(column) is { } value && value != 0 ? value : null;

    public int? Int(string column) => Long(column, count: true) is { } value ? value is >= int.MinValue and <= int.MaxValue ? (int)value : Fail(column) : null;

    /// <summary>
    /// The session's start and end. A numeric date the file leaves open ("05/04/2026": no date of the
    /// file has a day after the 12th) is read the one way that makes a session of at most three days;
    /// when both ways do, the row says so rather than guess. A time without an offset is the clock at
    /// the table: in the row's <c>time_zone</c>, else in the player's.
    /// </summary>
    public (DateTimeOffset? Started, DateTimeOffset? Ended) Times()
    {
        var (startText, endText) = (Field("started_at", true, identity: true), Field("ended_at", true, identity: true));
        Zone = playerZone;
        var named = Field("time_zone", required: false, identity: false);
        if (named is not null)
        {
            Zone = Infrastructure.IanaZones.Find(named);
            if (Zone is null)
            {
                errors.Add(new CsvRowError(row, "time_zone", $"'{Short(named)}' is not a time zone: write it as America/Los_Angeles or Europe/Paris, or leave it empty."));
            }
        }

        var (started, ended) = Pick(startText, endText, Zone ?? TimeZoneInfo.Utc, report: true);
        PlayedIn = Zone;
        if (named is null && started is { } start && startText is not null && CsvDates.WrittenOffset(startText) is { } offset && offset != TimeSpan.Zero
            && (playerZone is null || playerZone.GetUtcOffset(start) != offset))
        {
            PlayedIn = CsvDates.FixedZone(offset) ?? playerZone;
        }

        // The row is named by its times as written: a time without an offset by its wall clock (read as
        // if in UTC, as every import before zones read it), whatever zone it is read in. The same row
        // imported from a phone in another zone, or without one, names the same session.
        var (wallStart, wallEnd) = Zone is null ? (started, ended) : Pick(startText, endText, TimeZoneInfo.Utc, report: false);
        Meant("started_at", wallStart?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Meant("ended_at", wallEnd?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return (started, ended);
    }

    private (DateTimeOffset? Started, DateTimeOffset? Ended) Pick(string? startText, string? endText, TimeZoneInfo zone, bool report)
    {
        var starts = Readings("started_at", startText, zone, report);
        var ends = Readings("ended_at", endText, zone, report);
        DateTimeOffset? started = starts.Count == 1 ? starts[0] : null, ended = ends.Count == 1 ? ends[0] : null;
        if (starts.Count > 1 || ends.Count > 1)
        {
            var plausible = (from s in starts from e in ends where e > s && e - s <= LongestSession select (s, e)).ToList();
            if (plausible.Count == 1)
            {
                (started, ended) = plausible[0];
            }
            else if (report)
            {
                Ambiguous("started_at", startText, starts, zone);
                Ambiguous("ended_at", endText, ends, zone);
            }
        }

        return (started, ended);
    }

    private IReadOnlyList<DateTimeOffset> Readings(string column, string? text, TimeZoneInfo zone, bool report)
    {
        if (text is null)
        {
            return [];
        }

        var readings = CsvDates.Readings(text, order, zone);
        if (readings.Count == 0 && report)
        {
            // A file's own dates never contradict the order they show: only one the player gave can.
            var against = order is DayOrder.DayFirst or DayOrder.MonthFirst && CsvDates.Evidence(text) is var shown && shown != DayOrder.Unknown && shown != order;
            errors.Add(new CsvRowError(row, column, against
                ? $"'{Short(text)}' cannot be a date written {(order == DayOrder.DayFirst ? "day first" : "month first")}, as the file's dates were said to be: it is the other way round."
                : $"'{Short(text)}' is not a time this import reads: write it as 2026-11-20 19:00, or with its offset, 2026-11-20T19:00:00+01:00."));
        }

        return readings;
    }

    private void Ambiguous(string column, string? text, IReadOnlyList<DateTimeOffset> readings, TimeZoneInfo zone)
    {
        if (text is not null && readings.Count > 1)
        {
            // The readings are instants: each is named by its date as written, at the text's own offset
            // or on the clock it was read in (7 PM in Los Angeles is the next day in UTC).
            var written = CsvDates.WrittenOffset(text);
            var (a, b) = (AsWritten(readings[0]), AsWritten(readings[1]));
            errors.Add(new CsvRowError(row, column, string.Create(CultureInfo.InvariantCulture,
                $"'{Short(text)}' can be {a:d MMMM yyyy} or {b:d MMMM yyyy}, and the file's other dates do not tell which ({(order == DayOrder.Mixed ? "they are written both ways round" : "none has a day after the 12th")}): write it year first, as {a:yyyy-MM-dd} or {b:yyyy-MM-dd}{(order == DayOrder.Mixed ? "" : ", or say which way round the file writes its dates (day first or month first)")}."),
                DatesAmbiguous: order != DayOrder.Mixed));

            DateTimeOffset AsWritten(DateTimeOffset reading) => written is { } offset ? reading.ToOffset(offset) : TimeZoneInfo.ConvertTime(reading, zone);
        }
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

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,3}([.,\u00A0\u202F ]\d{3})+$")]
    private static partial System.Text.RegularExpressions.Regex GroupedCount();
}
