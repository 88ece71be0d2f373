using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace PokerTracker.SessionApi.Csv;

internal static class CsvFormat
{
    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        NewLine = "\r\n",
        TrimOptions = TrimOptions.Trim,
        DetectColumnCountChanges = true,
    };

    /// <summary>ISO 8601 with milliseconds, always UTC ("2026-11-20T19:00:00.000Z").</summary>
    public static void UseIsoTimes(CsvContext context)
    {
        var options = new TypeConverterOptions { Formats = ["yyyy-MM-dd'T'HH:mm:ss.fff'Z'"], DateTimeStyle = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal };
        context.TypeConverterOptionsCache.AddOptions<DateTimeOffset>(options);
    }
}
