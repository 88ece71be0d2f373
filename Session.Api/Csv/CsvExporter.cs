using CsvHelper;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>
/// The player's ended sessions as CSV, oldest first: from the analytics store, and those it may not
/// hold in their latest version yet (just ended, corrected, discarded or imported) from the live
/// store, so that an export taken at once leaves nothing out and nothing discarded in.
/// </summary>
public sealed class CsvExporter(AnalyticsStore history, SessionStore live)
{
    public async Task WriteAsync(Caller caller, Stream output, CancellationToken ct)
    {
        var fresher = await live.NotInHistoryAsync(caller.UserId);
        var newer = fresher.Select(s => s.Id).ToHashSet();
        var sessions = (await history.AllSessionsAsync(caller.UserId, ct)).Where(s => !newer.Contains(s.Id))
            .Concat(fresher.Where(s => s.Status == SessionStatus.Ended))
            .OrderBy(s => s.StartedAt).ThenBy(s => s.Id.ToString(), StringComparer.Ordinal);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CsvFormat.Configuration);
        await csv.WriteRecordsAsync(sessions.Select(SessionCsvRow.From), ct);
    }
}
