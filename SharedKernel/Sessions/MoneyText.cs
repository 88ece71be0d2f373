using System.Globalization;

namespace PokerTracker.SharedKernel.Sessions;

/// <summary>
/// An amount in minor units as a player reads it in a message, written as the web app writes money
/// (the browser's <c>Intl.NumberFormat("en-US", { style: "currency" })</c>): its currency's decimals
/// (ISO 4217: none for the yen or the won, three for the dinars, two for the others), and the
/// currency's symbol where the app shows one ("$1,234.50", "€12.00", "¥25,000"), its code otherwise
/// ("CHF 12.00", "KWD 1,234.567"), so that an alert names an amount the way the screen beside it does.
/// </summary>
public static class MoneyText
{
    /// <summary>The symbols the app's money format uses (en-US); other currencies are written with their code.</summary>
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["CAD"] = "CA$", ["AUD"] = "A$", ["NZD"] = "NZ$",
        ["HKD"] = "HK$", ["MXN"] = "MX$", ["BRL"] = "R$", ["INR"] = "₹", ["KRW"] = "₩", ["CNY"] = "CN¥", ["ILS"] = "₪",
        ["TWD"] = "NT$", ["PHP"] = "₱", ["VND"] = "₫", ["XCD"] = "EC$",
    };

    /// <summary>How many decimals the currency's minor unit has.</summary>
    public static int Digits(string currency) => Contracts.Currencies.Digits(currency);

    /// <summary>E.g. "$1,234.50", "¥25,000", "CHF 12.00" (a no-break space after a code), "−$5.00".</summary>
    public static string Format(long minor, string currency)
    {
        var digits = Digits(currency);
        var value = Math.Abs(minor / (decimal)Math.Pow(10, digits));
        var number = value.ToString(digits == 0 ? "#,0" : "#,0." + new string('0', digits), CultureInfo.InvariantCulture);
        var written = Symbols.TryGetValue(currency, out var symbol) ? symbol + number : currency + "\u00A0" + number;
        return minor < 0 ? "−" + written : written;
    }
}
