using System.Globalization;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>Amounts as hand histories print them ("$1,234.56", "€0.02", "1500"), in minor units or chips.</summary>
public static class Amounts
{
    /// <summary>Digits after the decimal point of a currency's minor unit, as everywhere in the system; chips have none.</summary>
    public static int Digits(string currency) =>
        currency is Model.Hand.Chips or Model.Hand.PlayMoney ? 0 : Contracts.Currencies.Digits(currency);

    /// <summary>The amount in units of 10^-<paramref name="digits"/>; false for anything else, or more precision than the unit has.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, int digits, out long units)
    {
        units = 0;
        text = text.Trim();
        if (text.Length > 0 && text[0] is '$' or '€' or '£')
        {
            text = text[1..];
        }

        Span<char> clean = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (c != ',')
            {
                clean[n++] = c;
            }
        }

        if (n == 0 || !decimal.TryParse(clean[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var scaled = value * Pow10(digits);
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue)
        {
            return false;
        }

        units = (long)scaled;
        return true;
    }

    /// <summary>An amount from a decimal number (Open Hand History's JSON numbers).</summary>
    public static bool TryFromDecimal(decimal value, int digits, out long units)
    {
        var scaled = value * Pow10(digits);
        units = 0;
        if (value < 0 || scaled != decimal.Truncate(scaled) || scaled > long.MaxValue)
        {
            return false;
        }

        units = (long)scaled;
        return true;
    }

    private static decimal Pow10(int digits) => digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, digits) };
}
