using CsvHelper;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.Csv;

/// <summary>The player's ended sessions as CSV, oldest first, from the analytics store.</summary>
public sealed class CsvExporter(AnalyticsStore history)
{
    public async Task WriteAsync(Caller caller, Stream output, CancellationToken ct)
    {
        var sessions = await history.AllSessionsAsync(caller.UserId, ct);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CsvFormat.Configuration);
        CsvFormat.UseIsoTimes(csv.Context);
        await csv.WriteRecordsAsync(sessions.Select(SessionCsvRow.From), ct);
    }
}
