namespace PokerTracker.SessionApi.Sessions;

/// <summary>ISO 4217 active currency codes.</summary>
public static class Currencies
{
    private static readonly HashSet<string> Codes =
    [
        .. """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
        CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
        GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
        LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
        NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
        STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD
        XCG XOF XPF YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
    ];

    public static bool IsValid(string? code) => code is { Length: 3 } && Codes.Contains(code);

    /// <summary>A code as the player may type it (" usd"): trimmed and in capitals, as it is kept; blank is none.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(code))]
    public static string? Normalize(string? code) => string.IsNullOrWhiteSpace(code) ? code : code.Trim().ToUpperInvariant();
}
