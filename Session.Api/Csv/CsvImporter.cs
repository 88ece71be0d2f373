using System.Text;
using CsvHelper;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Csv;

/// <param name="DatesAmbiguous">A date the file's other dates do not tell the order of: the player can say it (<c>?dates=</c>).</param>
public sealed record CsvRowError(int Row, string Column, string Message, [property: System.Text.Json.Serialization.JsonIgnore] bool DatesAmbiguous = false);

public sealed record ImportResult(int Rows, int Imported, int AlreadyPresent);

/// <summary>
/// Nothing was imported: the rows and columns that are wrong (422): the first <see cref="Listed"/> in
/// <c>rowErrors</c>, and how many there are in all in <c>rowErrorsTotal</c> (a file of the wrong kind
/// has a problem on every row: thousands, which no one reads past the first screen).
/// </summary>
public sealed class CsvImportRejectedException(IReadOnlyList<CsvRowError> errors)
    : ProblemException(422, "The file has problems; nothing was imported.", $"{errors.Count} problem(s) in the file; nothing was imported.")
{
    public const int Listed = 200;

    public IReadOnlyList<CsvRowError> Errors { get; } = errors;

    public override string Code => "IMPORT_REJECTED";

    public override IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?>
    {
        ["rowErrors"] = Errors.Count <= Listed ? Errors : Errors.Take(Listed).ToList(),
        ["rowErrorsTotal"] = Errors.Count,
        // The file can be imported as it is once the player says which way round its dates are.
        ["datesAmbiguous"] = Errors.Any(e => e.DatesAmbiguous),
    };
}

/// <summary>
/// Imports sessions from the export format. Every row is checked first (types, then the same
/// rules as live commands); with any problem nothing is written. Each row then becomes ordinary
/// events whose idempotency keys derive from the row, so importing a file twice adds nothing.
/// </summary>
public sealed partial class CsvImporter(SessionService sessions, Infrastructure.PlayerLimiters limiters, TimeProvider time, ILogger<CsvImporter> logger)
{
    private static readonly string[] Required = ["kind", "game", "format", "venue", "currency", "started_at", "ended_at", "total_buy_in"];

    private static readonly Dictionary<string, string> ColumnOfField = new()
    {
        ["kind"] = "kind", ["game"] = "game", ["gameName"] = "game_name", ["format"] = "format", ["venue"] = "venue",
        ["currency"] = "currency", ["tags"] = "tags", ["startedAt"] = "started_at", ["buyIn"] = "total_buy_in",
        ["stakes"] = "big_blind", ["stakes.smallBlind"] = "small_blind", ["stakes.bigBlind"] = "big_blind", ["stakes.ante"] = "ante",
        ["stakes.straddle"] = "straddle", ["tournament"] = "tournament_buy_in", ["tournament.buyIn"] = "tournament_buy_in",
        ["tournament.fee"] = "tournament_fee", ["amount"] = "total_buy_in", ["at"] = "ended_at", ["cashOut"] = "cash_out",
        ["prize"] = "prize", ["finishPosition"] = "finish_position", ["fieldSize"] = "field_size", ["handsPlayed"] = "hands_played",
    };

    /// <param name="playerZone">The player's time zone: times without an offset in rows without a <c>time_zone</c> are read in it (UTC when null).</param>
    /// <param name="dates">Which way round the file writes numeric dates, as the player says; else as its own dates show.</param>
    public async Task<ImportResult> ImportAsync(Caller caller, Stream csvStream, TimeZoneInfo? playerZone, DayOrder? dates, CancellationToken ct)
    {
        List<Plan> plans;
        try
        {
            plans = await ParseAsync(csvStream, playerZone, dates, ct);
        }
        catch (CsvImportRejectedException rejected)
        {
            SessionLog.ImportRefused(logger, caller.UserId, rejected.Errors.Count, rejected.Errors.Select(e => e.Row).Distinct().Count());
            throw;
        }

        int imported = 0, present = 0;
        limiters.EnsureImportRows(caller.UserId, plans.Count); // a spent allowance asks nothing of the stores
        var held = await sessions.HeldAsync(caller, plans.Where(p => p.ExportedId is not null).Select(p => p.ExportedId!.Value).ToList());
        // Rows imported before this release are named by their text as typed: those keep that name.
        // One lookup for both names of every row.
        var known = await sessions.HeldAsync(caller, plans.SelectMany(p => new[] { p.TypedId(caller), p.Id(caller) }).Distinct().ToList(), evenDiscarded: true);
        // Only the sessions the file adds count against the player's quota (a file imported again adds
        // none); every row is charged to the day's budget, as it is read again, but only once the
        // lookups are done (an unreachable analytics store costs the player nothing).
        var adding = plans.Count(p => !(p.ExportedId is { } e && held.Contains(e)) && !known.Contains(p.TypedId(caller)) && !known.Contains(p.Id(caller)));
        await sessions.EnsureRoomForAsync(caller, adding);
        limiters.ChargeImportRows(caller.UserId, plans.Count); // a row costs what a command does: one
        foreach (var meant in plans)
        {
            ct.ThrowIfCancellationRequested();
            var plan = known.Contains(meant.TypedId(caller)) ? meant with { Hash = meant.TypedHash } : meant;
            if (plan.ExportedId is { } exported && held.Contains(exported))
            {
                present++; // a row of the player's own export: that session is here already
                continue;
            }

            var started = await sessions.StartAsync(caller, plan.Start, plan.Key("start"), imported: true);
            if (started.Replayed)
            {
                present++;
            }
            else
            {
                imported++;
            }

            if (started.Replayed && started.Session.Status != SessionStatus.Active)
            {
                continue; // imported before, to the end
            }

            // A row the import stopped in (a crash, a restart): the steps it made are skipped, however long
            // ago; so are those an import before this release made, keyed by name, while their records live.
            var made = started.Replayed ? await sessions.EventIdsAsync(caller, started.Session.Id, ct) : null;
            foreach (var step in plan.Steps)
            {
                var key = plan.StepKey(caller, step.Name);
                if (made is null || (!made.Contains(key) && !await sessions.KeyRecordedAsync(caller, plan.Key(step.Name))))
                {
                    await sessions.ChangeAsync(caller, started.Session.Id, step.Command, key.ToString(), null, imported: true);
                }
            }
        }

        SessionLog.Imported(logger, caller.UserId, plans.Count, imported, present);
        return new ImportResult(plans.Count, imported, present);
    }

    internal async Task<List<Plan>> ParseAsync(Stream csvStream, TimeZoneInfo? playerZone, DayOrder? dates, CancellationToken ct)
    {
        try
        {
            return await ParseRowsAsync(csvStream, playerZone, dates, ct);
        }
        catch (CsvHelperException ex)
        {
            var row = ex.Context?.Parser?.Row ?? 0;
            throw new CsvImportRejectedException([new CsvRowError(row, "", "This line cannot be read: a field with a comma, a quote or a line break must be in double quotes, with a quote inside it written twice (\"\").")]);
        }
    }

    private async Task<List<Plan>> ParseRowsAsync(Stream csvStream, TimeZoneInfo? playerZone, DayOrder? dates, CancellationToken ct)
    {
        // The body is bounded (CsvApi.MaxImportBytes): read it whole, so the header can tell the delimiter.
        string text;
        using (var decoder = new StreamReader(csvStream, Infrastructure.LenientUtf8.Encoding, detectEncodingFromByteOrderMarks: true))
        {
            text = await decoder.ReadToEndAsync(ct);
        }

        if (text.StartsWith("PK\u0003\u0004", StringComparison.Ordinal) || text.StartsWith("\u00D0\u00CF\u0011", StringComparison.Ordinal))
        {
            // A workbook (.xlsx is a zip, .xls a compound file), not its rows: said as such, not as a missing header.
            throw new CsvImportRejectedException([new CsvRowError(1, "", "This is a spreadsheet workbook (Excel, Numbers or Google Sheets' .xlsx), not a CSV file: save or download the sheet as CSV (comma-separated values) and import that.")]);
        }

        var delimiter = CsvFormat.DetectDelimiter(text);
        var order = dates ?? CsvDates.OrderOf(text, delimiter, RowReader.LongestSession);
        using var csv = new CsvReader(new StringReader(text), CsvFormat.ReadConfiguration(delimiter));
        var errors = new List<CsvRowError>();
        var plans = new List<Plan>();
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            throw new CsvImportRejectedException([new CsvRowError(1, "", "The file is empty: expected a header row.")]);
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count == Required.Length)
        {
            // Not a header with a column missing, but no header at all (or another program's): said once.
            throw new CsvImportRejectedException([new CsvRowError(csv.Parser.Row, "", "This line should be the header row, naming the columns as the export does ("
                + string.Join(", ", Required) + ", …): none of them is there. Export a session to see the format.")]);
        }

        if (missing.Count > 0)
        {
            throw new CsvImportRejectedException(missing.Select(c => new CsvRowError(1, c, "Required column is missing.")).ToList());
        }

        var now = time.GetUtcNow();
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var row = csv.Parser.Row;
            if (csv.Parser.Record is { } cells && cells.All(string.IsNullOrWhiteSpace))
            {
                continue; // ",,,,": a row a spreadsheet writes where its formatting ran past the data, as blank as a blank line
            }

            if (csv.Parser.Count > csv.HeaderRecord!.Length)
            {
                errors.Add(new CsvRowError(row, "", $"This line has {csv.Parser.Count} fields where the header has {csv.HeaderRecord.Length}: a field with a comma, a quote or a line break must be in double quotes, with a quote inside it written twice (\"\")."));
                continue;
            }

            if (plans.Count + errors.Count >= 10_000)
            {
                errors.Add(new CsvRowError(row, "", "At most 10,000 sessions per file."));
                break;
            }

            var before = errors.Count;
            var fields = new RowReader(csv, row, errors, order, playerZone);
            var plan = Plan.From(fields, row, errors);
            if (plan is not null && errors.Count == before)
            {
                Check(plan, row, now, errors);
                if (errors.Count == before)
                {
                    plans.Add(plan);
                }
            }
        }

        // Two rows alike (two $11 sit-and-gos busted the same day, written without times) are two
        // sessions: the second of a kind is named as the second, so the file imported again adds nothing.
        var alike = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plans.Count; i++)
        {
            var n = alike[plans[i].Hash] = alike.GetValueOrDefault(plans[i].Hash) + 1;
            if (n > 1)
            {
                plans[i] = plans[i] with { Hash = $"{plans[i].Hash}#{n}", TypedHash = $"{plans[i].TypedHash}#{n}" };
            }
        }

        if (errors.Count == 0 && plans.Count == 0)
        {
            errors.Add(new CsvRowError(2, "", "The file has a header but no session rows: nothing to import."));
        }

        return errors.Count > 0 ? throw new CsvImportRejectedException(errors) : plans;
    }

    /// <summary>Runs the row through the same rules as live commands, on a scratch session.</summary>
    private static void Check(Plan plan, int row, DateTimeOffset now, List<CsvRowError> errors)
    {
        try
        {
            var state = new SessionState();
            var sequence = 0;
            void Apply(Contracts.Events.SessionEventEnvelope e)
            {
                e.Sequence = ++sequence;
                e.SessionId = Guid.Empty.ToString();
                state.Apply(e);
            }

            foreach (var e in SessionDecider.Start(plan.Start, now, imported: true))
            {
                Apply(e);
            }

            foreach (var step in plan.Steps)
            {
                Apply(step.Command.Decide(state, now));
            }
        }
        catch (InvalidInputException ex)
        {
            errors.AddRange(ex.Errors.SelectMany(e => e.Value.Select(m => new CsvRowError(row, ColumnOfField.GetValueOrDefault(e.Key, e.Key), m))));
        }
        catch (SessionConflictException ex)
        {
            errors.Add(new CsvRowError(row, "", ex.Message));
        }
    }
}
