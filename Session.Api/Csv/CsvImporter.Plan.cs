using System.Globalization;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Csv;

/// <summary>The import's plan of each row: the commands that recreate its session.</summary>
public sealed partial class CsvImporter
{
    /// <summary>One command after the start: how to check it offline and how to run it.</summary>
    internal sealed record Step(string Name, ISessionCommand Command);

    /// <summary>One row as the commands that recreate it.</summary>
    /// <param name="ExportedId">The session the row was exported from (the export's <c>session_id</c>), when it names one.</param>
    /// <param name="Hash">The row's identity as meant (<see cref="RowReader.Hash"/>), which names its session.</param>
    /// <param name="TypedHash">The row's identity as typed, which named the sessions of files imported before.</param>
    internal sealed record Plan(StartSessionCommand Start, List<Step> Steps, string Hash, string TypedHash, Guid? ExportedId)
    {
        public string Key(string step) => $"import-{Hash}-{step}";

        /// <summary>
        /// The key of a step after the start, a name-based id the step's event carries as its id: an
        /// import that stopped within a row and is run again after the keys' records have lapsed still
        /// finds the steps it made (<see cref="SessionService.EventIdsAsync"/>) and makes only the rest.
        /// </summary>
        public Guid StepKey(Caller caller, string step) => NamedGuid.Of($"import-step|{Id(caller)}|{step}");

        /// <summary>The session the row becomes.</summary>
        public Guid Id(Caller caller) => SessionService.ImportedSessionId(caller.UserId, Key("start"));

        public Guid TypedId(Caller caller) => SessionService.ImportedSessionId(caller.UserId, $"import-{TypedHash}-start");

        public static Plan? From(RowReader r, int row, List<CsvRowError> errors)
        {
            var before = errors.Count;
            var kind = r.Text("kind", required: true);
            var cash = string.Equals(kind, "cash", StringComparison.OrdinalIgnoreCase);
            if (kind is not null && !cash && !string.Equals(kind, "tournament", StringComparison.OrdinalIgnoreCase))
            {
                // Which columns a row needs follows from its kind: the kind is named, not the columns of a kind it is not.
                errors.Add(new CsvRowError(row, "kind", $"'{(kind.Length > 40 ? kind[..40] + "…" : kind)}' is not a kind of session: write cash or tournament."));
                return null;
            }

            var (started, ended) = r.Times();
            var totalBuyIn = r.Long("total_buy_in", required: true) ?? 0;
            var breakSeconds = r.Long("break_seconds", count: true) ?? 0;
            var expenses = r.Long("total_expenses") ?? 0;
            StakesInput? stakes = cash ? new StakesInput(r.Long("small_blind", required: true) ?? 0, r.Long("big_blind", required: true) ?? 0, r.Long("ante"), r.LongOrNone("straddle")) : null;
            TournamentInput? tournament = cash ? null : new TournamentInput(r.Long("tournament_buy_in", required: true) ?? 0, r.Long("tournament_fee") ?? 0);
            var end = new EndSessionCommand(ended, cash ? r.Long("cash_out", required: true) : null, r.IntOrNone("finish_position"), r.IntOrNone("field_size"),
                cash ? null : r.Long("prize") ?? 0, r.Int("hands_played"));
            var tags = r.Text("tags")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var start = new StartSessionCommand(kind ?? "", r.Text("game", required: true) ?? "", r.Text("format", required: true) ?? "",
                r.Text("venue", required: true) ?? "", r.Text("currency", required: true)?.ToUpperInvariant() ?? "", r.Text("game_name"), tags, started, stakes, tournament,
                cash ? totalBuyIn : null, TimeZone: r.PlayedIn?.Id);
            if (started is null || ended is null)
            {
                return null;
            }

            // A sheet kept in whole dollars reads as cents ("2" is 0.02): at a live table no big blind is
            // that small, and no live tournament costs less than 5 to enter (a freeroll costs 0), so the
            // row is named rather than imported at a hundredth of what was played. Not a row of the
            // player's own export (it names its session), nor an amount written with its decimals ("0.10"):
            // those say what they mean, a home game's 5c/10c included.
            var exportedId = Guid.TryParse(r.Text("session_id", identity: false), out var id) ? id : (Guid?)null;
            var live = exportedId is null && string.Equals(start.Format, "live", StringComparison.OrdinalIgnoreCase) && MoneyText.Digits(start.Currency) == 2;
            if (live && stakes is { BigBlind: > 0 and < 25 } && r.InCents("big_blind"))
            {
                errors.Add(WholeUnits(row, "big_blind", "A big blind", "at a live table", stakes.BigBlind, start.Currency));
            }

            if (live && tournament is { BuyIn: > 0 and < 500 } && r.InCents("tournament_buy_in"))
            {
                errors.Add(WholeUnits(row, "tournament_buy_in", "A buy-in", "for a live tournament", tournament.BuyIn, start.Currency));
            }

            // Blinds written with decimals and the buy-in as a whole number ("1.00,2.00,300"): the buy-in
            // reads as cents, a few big blinds, which no table sells.
            if (exportedId is null && stakes is { BigBlind: > 0 } && totalBuyIn > 0 && totalBuyIn < 10 * stakes.BigBlind && r.InCents("total_buy_in") && errors.Count == before)
            {
                errors.Add(WholeUnits(row, "total_buy_in", "A total buy-in", string.Create(CultureInfo.InvariantCulture,
                    $"with a big blind of {MoneyText.Format(stakes.BigBlind, start.Currency)} ({(decimal)totalBuyIn / stakes.BigBlind:0.#} big blind{(totalBuyIn == stakes.BigBlind ? "" : "s")})"), totalBuyIn, start.Currency));
            }

            r.MixedUnits(start.Currency);

            var steps = new List<Step>();
            if (!cash && tournament is not null)
            {
                var rebuys = totalBuyIn - tournament.BuyIn - tournament.Fee;
                if (rebuys < 0)
                {
                    errors.Add(new CsvRowError(row, "total_buy_in", "Is less than the tournament's buy-in plus fee."));
                }
                else if (rebuys > 0)
                {
                    steps.Add(new Step("rebuy", new AddBuyInCommand("rebuy", rebuys, started)));
                }
            }

            if (expenses > 0)
            {
                steps.Add(new Step("expense", new AddExpenseCommand("other", expenses, "imported", started)));
            }

            if (breakSeconds < 0 || breakSeconds > (long)Sessions.Limits.MaxSessionLength.TotalSeconds)
            {
                errors.Add(new CsvRowError(row, "break_seconds", "Must be between 0 and the length of the session."));
            }
            else if (breakSeconds > 0)
            {
                var length = ended.Value - started.Value;
                var pause = TimeSpan.FromSeconds(breakSeconds);
                if (pause >= length)
                {
                    errors.Add(new CsvRowError(row, "break_seconds", "Is longer than the session."));
                }
                else
                {
                    var breakStart = started.Value + (length - pause) / 2;
                    steps.Add(new Step("break-start", new StartBreak(new BreakCommand(breakStart))));
                    steps.Add(new Step("break-end", new EndBreak(new BreakCommand(breakStart + pause))));
                }
            }

            // Notes, one per line of the cell, or parted by blank lines (CsvNotes); dated at the start (the file does not say when).
            var notes = CsvNotes.Split(r.Text("notes", identity: false));
            if (notes.Length > Sessions.Limits.MaxNotes)
            {
                errors.Add(new CsvRowError(row, "notes", $"At most {Sessions.Limits.MaxNotes} notes per session."));
            }
            else
            {
                steps.AddRange(notes.Select((text, i) => new Step($"note-{i}", new AddNoteCommand(text, started))));
            }

            steps.Add(new Step("end", end));
            // Only when the amounts it is made of could be read: a wrong amount is said once, in its own column.
            if (r.Long("net_result") is { } net && errors.Count == before && net != (cash ? (end.CashOut ?? 0) : (end.Prize ?? 0)) - totalBuyIn - expenses)
            {
                errors.Add(new CsvRowError(row, "net_result", "Does not equal cash-out (or prize) − total buy-in − total expenses."));
            }

            return new Plan(start, steps, r.Hash(), r.TypedHash(), exportedId);
        }

        private static CsvRowError WholeUnits(int row, string column, string what, string where, long minor, string currency) =>
            new(row, column, string.Create(CultureInfo.InvariantCulture,
                $"{what} of {MoneyText.Format(minor, currency)} {where}: whole numbers are read in cents ({minor} is {MoneyText.Format(minor, currency)}). Write amounts with their decimals ({minor}.00) or in cents ({minor * 100})."));
    }
}
