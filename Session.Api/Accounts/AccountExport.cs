using System.IO.Compression;
using System.Text.Json;
using PokerTracker.SessionApi.Alerts;
using PokerTracker.SessionApi.Csv;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Everything of a player in one zip: the account, every session in full (buy-ins, its stack chart,
/// notes, expenses, breaks, its own limits, corrections folded in), the ended sessions as the CSV the
/// import reads, the alerts of each session, the player's guards, goals, bankroll ledger, imported
/// hands, training decisions and leaderboard name. Built in a temporary file that deletes
/// itself, then sent, so that a big record costs disk, not memory.
/// </summary>
public sealed class AccountExport(
    SessionStore store, SessionService sessions, AnalyticsStore history, CsvExporter csv, AlertStore alerts, GuardStore guards,
    Bankrolls.BankrollStore ledger, AnalyticsExport analytics, Training.Leaderboards boards, StackExchange.Redis.IConnectionMultiplexer redis, TimeProvider time)
{
    private const int Page = 200;

    /// <summary>The archive; one at a time per player (<see cref="ExportTurn"/>).</summary>
    public async Task<Stream> BuildAsync(Caller caller, UserAccount account, CancellationToken ct)
    {
        await using var turn = await ExportTurn.TakeAsync(redis.GetDatabase(), caller.UserId);
        return await ZipAsync(caller, account, ct);
    }

    private async Task<Stream> ZipAsync(Caller caller, UserAccount account, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                await WriteJsonAsync(zip, "account.json", new
                {
                    account.Id, account.Email, account.CreatedAt, exportedAt = time.GetUtcNow(), leaderboard = await boards.GetProfileAsync(caller.UserId),
                }, ct);

                var alertsBySession = new Dictionary<Guid, IReadOnlyList<AlertView>>();
                var entry = zip.CreateEntry("sessions.json", CompressionLevel.Optimal);
                await using (var output = entry.Open())
                await using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartArray();
                    string? cursor = null;
                    do
                    {
                        var (items, next) = await store.ListAsync(caller.UserId, null, Page, cursor, ids => history.SessionsAsync(caller.UserId, ids, ct));
                        foreach (var state in items)
                        {
                            // The session as the API shows it, with its stack chart and its own limits.
                            var full = JsonSerializer.SerializeToNode(SessionView.From(state, time.GetUtcNow()), ApiJson.Options)!.AsObject();
                            full["stack"] = JsonSerializer.SerializeToNode(await sessions.GetStackAsync(caller, state.Id), ApiJson.Options);
                            if (await guards.OfSessionAsync(state.Id) is { } own)
                            {
                                full["guards"] = JsonSerializer.SerializeToNode(own, ApiJson.Options);
                            }

                            full.WriteTo(json);
                            if (await alerts.ListAsync(state.Id) is { Count: > 0 } list)
                            {
                                alertsBySession[state.Id] = list;
                            }
                        }

                        await json.FlushAsync(ct);
                        cursor = next;
                    }
                    while (cursor is not null);

                    json.WriteEndArray();
                }

                await WriteJsonAsync(zip, "alerts.json", alertsBySession, ct);
                await WriteJsonAsync(zip, "guards.json", await guards.ForPlayerAsync(caller.UserId), ct);
                await WriteJsonAsync(zip, "goals.json", await Goals.GoalsApi.ReadAsync(redis, caller.UserId), ct);
                await WriteJsonAsync(zip, "bankrolls.json", new
                {
                    bankrolls = await ledger.BankrollsAsync(caller.UserId),
                    entries = (await ledger.EntriesAsync(caller.UserId)).OrderBy(e => e.At),
                    bookings = await ledger.BookingsAsync(caller.UserId),
                }, ct);
                await using (var output = zip.CreateEntry("sessions.csv", CompressionLevel.Optimal).Open())
                {
                    await csv.WriteAsync(caller, output, ct);
                }

                await using (var output = zip.CreateEntry("hands.jsonl", CompressionLevel.Optimal).Open())
                {
                    await analytics.WriteHandsAsync(caller.UserId, output, ct);
                }

                await using (var output = zip.CreateEntry("training.jsonl", CompressionLevel.Optimal).Open())
                {
                    await analytics.WriteTrainingAsync(caller.UserId, output, ct);
                }

                await using (var readme = new StreamWriter(zip.CreateEntry("README.txt").Open()))
                {
                    await readme.WriteAsync(Readme);
                }
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteJsonAsync<T>(ZipArchive zip, string name, T value, CancellationToken ct)
    {
        await using var output = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await JsonSerializer.SerializeAsync(output, value, ApiJson.Options, ct);
    }

    private const string Readme = """
        Your PokerTracker record.

        account.json   your account (id, e-mail, when it was created, when this was exported, your leaderboard name)
        sessions.json  every session in full: buy-ins, stack updates (its chart), notes, expenses, breaks,
                       totals, and the limits set for that session alone
        sessions.csv   your ended sessions, in the format Settings > Import sessions reads back
        alerts.json    the tilt and limit alerts of each session, by session id
        guards.json    your default limits (stop-loss, stop-win, time, drawdown)
        goals.json     your monthly targets (hours, profit)
        bankrolls.json your bankrolls, their deposits, withdrawals and transfers, and the sessions you booked to one
        hands.jsonl    every hand you imported, as read (seats, cards, every action, pots), one per line
        training.jsonl every graded push/fold decision (spot, your choice, the best one, EV lost), one per line

        Money is in minor units (cents): 12550 is 125.50. Times are UTC (ISO 8601).
        """;
}

/// <summary>An export of the player's is being made already.</summary>
public sealed class ExportRunningException()
    : ProblemException(409, "An export is being made.", "Your export is already being made (on this device or another): wait for it, then try again if you need another.")
{
    public override string Code => "CONFLICT";
}
