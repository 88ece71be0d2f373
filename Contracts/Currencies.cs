namespace PokerTracker.Contracts;

/// <summary>
/// The decimals of a currency's minor unit (ISO 4217): none for the yen, the won or the Chilean peso,
/// three for the dinars, two for the others. Every amount of money in the system is an integer count of
/// these units, whether a player typed it, a CSV or a hand history carried it.
/// </summary>
public static class Currencies
{
    private static readonly HashSet<string> NoDecimals =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly HashSet<string> ThreeDecimals = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    /// <summary>How many decimals the currency's minor unit has.</summary>
    public static int Digits(string currency) => NoDecimals.Contains(currency) ? 0 : ThreeDecimals.Contains(currency) ? 3 : 2;
}
