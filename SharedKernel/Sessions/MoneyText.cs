using System.Globalization;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>
/// An amount in minor units as a player reads it in a message: with its currency's decimals (ISO 4217:
/// none for the yen or the won, three for the dinars, two for the others) and its code.
/// </summary>
public static class MoneyText
{
    private static readonly HashSet<string> NoDecimals =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly HashSet<string> ThreeDecimals = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    /// <summary>How many decimals the currency's minor unit has.</summary>
    public static int Digits(string currency) => NoDecimals.Contains(currency) ? 0 : ThreeDecimals.Contains(currency) ? 3 : 2;

    /// <summary>E.g. "1,234.50 USD", "25,000 JPY".</summary>
    public static string Format(long minor, string currency)
    {
        var digits = Digits(currency);
        var value = minor / (decimal)Math.Pow(10, digits);
        return value.ToString(digits == 0 ? "#,0" : "#,0." + new string('0', digits), CultureInfo.InvariantCulture) + " " + currency;
    }
}
