using PokerTracker.SessionApi.Statistics;

namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>
/// The figures of a player's bankrolls from their entries and their ended sessions. Pure: the
/// same inputs give the same balances. A session is booked to the bankroll the player chose for
/// it, else to the first bankroll in its currency that is the default for its kind of play
/// (live or online), else to none.
/// </summary>
public static class BankrollLedger
{
    public static Guid? BookedTo(SessionResult session, IReadOnlyList<Bankroll> bankrolls, IReadOnlyDictionary<Guid, Guid> bookings)
    {
        if (bookings.TryGetValue(session.Id, out var chosen) && bankrolls.Any(b => b.Id == chosen && b.Currency == session.Currency))
        {
            return chosen;
        }

        var online = session.Format == "online";
        return bankrolls.Where(b => b.Currency == session.Currency && (online ? b.Online : b.Live)).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .Select(b => (Guid?)b.Id).FirstOrDefault();
    }

    public static BankrollsView Summarize(
        IReadOnlyList<Bankroll> bankrolls, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<SessionResult> sessions, IReadOnlyDictionary<Guid, Guid> bookings)
    {
        var booked = sessions.Select(s => (Session: s, To: BookedTo(s, bankrolls, bookings))).ToList();
        var views = bankrolls.OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).Select(b =>
        {
            var own = entries.Where(e => e.BankrollId == b.Id).ToList();
            long Sum(string kind) => own.Where(e => e.Kind == kind).Sum(e => e.Amount);
            var results = booked.Where(x => x.To == b.Id).Select(x => x.Session).ToList();
            var net = results.Sum(s => s.Net);
            return new BankrollView(b.Id, b.Name, b.Currency, b.Live, b.Online, own.Sum(e => e.Signed) + net,
                Sum(LedgerEntry.Deposit), Sum(LedgerEntry.Withdrawal), Sum(LedgerEntry.TransferIn), Sum(LedgerEntry.TransferOut), net, results.Count);
        }).ToList();
        return new BankrollsView(views, booked.Count(x => x.To is null));
    }

    /// <summary>The bankroll's balance after each change, oldest first (sessions count when they ended).</summary>
    public static IReadOnlyList<BalancePoint> History(
        Bankroll bankroll, IReadOnlyList<Bankroll> all, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<SessionResult> sessions, IReadOnlyDictionary<Guid, Guid> bookings)
    {
        var changes = entries.Where(e => e.BankrollId == bankroll.Id)
            .Select(e => (e.At, e.Kind, Change: e.Signed, Label: e.Note ?? "", EntryId: (Guid?)e.Id, Session: (SessionResult?)null))
            .Concat(sessions.Where(s => BookedTo(s, all, bookings) == bankroll.Id)
                .Select(s => (At: s.EndedAt, Kind: "session", Change: s.Net, Label: s.Venue, EntryId: (Guid?)null, Session: (SessionResult?)s)))
            .OrderBy(c => c.At).ThenBy(c => c.EntryId ?? c.Session?.Id);
        long balance = 0;
        return [.. changes.Select(c => new BalancePoint(c.At, c.Kind, c.Change, balance += c.Change, c.Label, c.EntryId, c.Session?.Id,
            c.Session?.StartedAt, c.Session is { TimeZone.Length: > 0 } s ? s.TimeZone : null))];
    }

    /// <summary>
    /// The first money taken out (a withdrawal or a transfer out) that, with <paramref name="after"/> in
    /// place of <paramref name="before"/>, leaves a bankroll below nothing at its own time, and lower
    /// than before: money taken out never comes to more than the bankroll held then. A backdated entry
    /// is checked where it falls, and so is every later one it takes money from under. A session's
    /// loss alone may take a bankroll below nothing: that was lost at the table, not taken out.
    /// </summary>
    public static (Bankroll Bankroll, BalancePoint Point)? Overdrawn(
        IReadOnlyList<Bankroll> bankrolls, IReadOnlyList<LedgerEntry> before, IReadOnlyList<LedgerEntry> after,
        IReadOnlyList<SessionResult> sessions, IReadOnlyDictionary<Guid, Guid> bookings) =>
        Overdrawn(new LedgerState(bankrolls, before, bookings), new LedgerState(bankrolls, after, bookings), sessions);

    /// <summary>
    /// As above, for any change of the ledger: its entries, and which bankroll each session goes to
    /// (a session booked elsewhere, a bankroll no longer the default, one deleted).
    /// </summary>
    public static (Bankroll Bankroll, BalancePoint Point)? Overdrawn(LedgerState before, LedgerState after, IReadOnlyList<SessionResult> sessions)
    {
        foreach (var bankroll in after.Bankrolls)
        {
            var was = before.Bankrolls.Any(b => b.Id == bankroll.Id)
                ? History(bankroll, before.Bankrolls, before.Entries, sessions, before.Bookings).Where(p => p.EntryId is not null).ToDictionary(p => p.EntryId!.Value, p => p.Balance)
                : [];
            var point = History(bankroll, after.Bankrolls, after.Entries, sessions, after.Bookings).FirstOrDefault(p =>
                p is { EntryId: { } id, Change: < 0, Balance: < 0 } && !(was.TryGetValue(id, out var held) && held <= p.Balance));
            if (point is not null)
            {
                return (bankroll, point);
            }
        }

        return null;
    }
}
