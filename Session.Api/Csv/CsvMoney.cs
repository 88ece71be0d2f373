using System.Globalization;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>
/// Money as a spreadsheet writes it: "$1,234.50", "1.234,50 €", "250.00", "CHF 1'200". A plain whole
/// number ("25000") is not read here: in the file's own format that is minor units, as the export writes them.
/// </summary>
internal static class CsvMoney
{
    private static readonly string[] Symbols = ["$", "€", "£", "¥", "₩", "₹", "₪", "₱", "₫", "R$", "CA$", "A$", "NZ$", "HK$", "MX$", "NT$", "EC$", "CN¥"];

    public enum Outcome { Read, NotMoney, TooManyDecimals }

    /// <summary>Reads an amount written with its decimals, a currency sign or thousands separators, in minor units of <paramref name="currency"/>.</summary>
    public static Outcome TryRead(string text, string currency, out long minor)
    {
        minor = 0;
        var digits = MoneyText.Digits(currency);
        var s = text.Trim();
        var negative = s.StartsWith('-') || s.StartsWith('−') || (s.StartsWith('(') && s.EndsWith(')'));
        s = s.Trim('-', '−', '(', ')', ' ');
        if (currency.Length == 3)
        {
            s = s.Replace(currency, "", StringComparison.OrdinalIgnoreCase);
        }

        foreach (var symbol in Symbols.OrderByDescending(x => x.Length))
        {
            s = s.Replace(symbol, "", StringComparison.Ordinal);
        }

        s = string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c is not '\'' and not '’'));
        var (point, comma) = (s.Count(c => c == '.'), s.Count(c => c == ','));
        char? separator = (point, comma) switch
        {
            ( > 0, > 0) => s.LastIndexOf('.') > s.LastIndexOf(',') ? '.' : ',',  // "1,234.50" or "1.234,50": the last one parts the cents
            (1, 0) or (0, 1) => ThousandsOnly(s, point == 1 ? '.' : ',', digits) ? null : point == 1 ? '.' : ',',
            _ => null,                                                         // "1,234,567": thousands only
        };
        var whole = separator is { } sep ? s[..s.LastIndexOf(sep)] : s;
        var cents = separator is { } sep2 ? s[(s.LastIndexOf(sep2) + 1)..] : "";
        whole = whole.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (whole.Length == 0 && cents.Length == 0 || !whole.All(char.IsAsciiDigit) || !cents.All(char.IsAsciiDigit) || whole.Length > 15)
        {
            return Outcome.NotMoney;
        }

        if (cents.Length > digits)
        {
            return Outcome.TooManyDecimals;
        }

        var value = (whole.Length == 0 ? 0 : long.Parse(whole, CultureInfo.InvariantCulture)) * Pow10(digits)
            + (cents.Length == 0 ? 0 : long.Parse(cents, CultureInfo.InvariantCulture) * Pow10(digits - cents.Length));
        minor = negative ? -value : value;
        return Outcome.Read;
    }

    /// <summary>
    /// "1,234" with no other separator: thousands (unless the currency has three decimals). A lone point
    /// is the decimal one ("12.505" dollars is refused as too many cents, never read as 12,505), except
    /// in a currency without decimals, where "30.000" (as Excel writes yen in Germany) can only be thousands.
    /// </summary>
    private static bool ThousandsOnly(string s, char separator, int digits) =>
        s.Length - s.IndexOf(separator) - 1 == 3 && (separator == ',' ? digits != 3 : digits == 0);

    private static long Pow10(int n)
    {
        long p = 1;
        for (var i = 0; i < n; i++)
        {
            p *= 10;
        }

        return p;
    }
}
