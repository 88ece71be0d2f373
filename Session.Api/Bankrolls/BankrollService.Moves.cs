using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>
/// Changes that move sessions' results between bankrolls: a session booked by hand, a bankroll
/// that stops (or starts) taking a kind of play, a bankroll deleted. Each is made under the ledger's
/// lock and checked as a withdrawal is: money taken out never comes to more than a bankroll held,
/// so a change that would leave a withdrawal or transfer without the winnings that paid for it is
/// refused (409, saying which), as removing the deposit that paid for it is.
/// </summary>
public sealed partial class BankrollService
{
    public async Task<Bankroll> ChangeAsync(Caller caller, Guid id, BankrollChange input)
    {
        // Read and written under the ledger's lock, as a delete and every other change are: a rename
        // racing a delete cannot bring the bankroll back, nor one change undo another it never saw.
        await using (await LockLedgerAsync(caller))
        {
            var existing = await store.BankrollsAsync(caller.UserId);
            var bankroll = existing.FirstOrDefault(b => b.Id == id) ?? throw new BankrollNotFoundException(id);
            var v = new Dictionary<string, string[]>();
            var name = input.Name is null ? bankroll.Name : CheckName(input.Name, v);
            Throw(v);
            EnsureUniqueName(existing, name, id);
            var changed = bankroll with { Name = name, Live = input.Live ?? bankroll.Live, Online = input.Online ?? bankroll.Online };
            EnsureOneDefault(existing, changed);
            if (changed.Live != bankroll.Live || changed.Online != bankroll.Online)
            {
                var (before, results) = await LedgerNowAsync(caller);
                EnsureStillHeld(before, before with { Bankrolls = [.. before.Bankrolls.Select(b => b.Id == id ? changed : b)] }, results,
                    "With this change the sessions that paid for it go to another bankroll",
                    $"book those sessions to {bankroll.Name} by hand first");
            }

            return await store.SaveBankrollAsync(caller.UserId, changed, isNew: false) ? changed : throw new BankrollNotFoundException(id);
        }
    }

    /// <summary>
    /// Removes a bankroll made by mistake or no longer used. What the player recorded is never lost
    /// with it: a bankroll that still holds deposits, withdrawals or transfers is refused (409, with
    /// how many); sessions booked to it by hand go back to the default rule (their results stay).
    /// </summary>
    public async Task DeleteAsync(Caller caller, Guid id)
    {
        limiters.ChargeWrite(caller.UserId);
        // Under the lock: a withdrawal or transfer to it, checked a moment before, cannot land after it went.
        await using (await LockLedgerAsync(caller))
        {
            var (before, results) = await LedgerNowAsync(caller);
            _ = before.Bankrolls.FirstOrDefault(b => b.Id == id) ?? throw new BankrollNotFoundException(id);
            var held = before.Entries.Count(e => e.BankrollId == id);
            if (held > 0)
            {
                throw new BankrollConflictException(
                    $"This bankroll holds {held} ledger {(held == 1 ? "entry" : "entries")}; remove {(held == 1 ? "it" : "them")} first (a transfer goes as a whole), so that no record is lost by accident.");
            }

            var booked = before.Bookings.Where(b => b.Value == id).Select(b => b.Key).ToList();
            EnsureStillHeld(before, before with { Bankrolls = [.. before.Bankrolls.Where(b => b.Id != id)], Bookings = before.Bookings.Where(b => b.Value != id).ToDictionary() },
                results, "Without this bankroll its sessions go to another", "book them elsewhere by hand first");
            if (!await store.DeleteBankrollAsync(caller.UserId, id, booked, before.Entries.Count))
            {
                throw new BankrollConflictException("The ledger changed meanwhile; try again.");
            }
        }
    }

    /// <summary>Books one recorded session to a bankroll in its currency (null: back to the default).</summary>
    public async Task BookAsync(Caller caller, Guid sessionId, Booking booking)
    {
        SharedKernel.Sessions.SessionState session;
        try
        {
            session = await recorded.LoadOwnedAsync(caller, sessionId);
        }
        catch (Sessions.SessionNotFoundException)
        {
            // Its id follows its hands (a later import of an earlier hand makes it anew), so a booking by hand would not hold.
            throw await MadeFromHandsAsync(caller, sessionId) is { } made
                ? new BankrollConflictException(
                    $"This session was made from imported hands: it goes to the bankroll that is the default for online play in {made.Currency}, and is not booked by hand.")
                : new Sessions.SessionNotFoundException(sessionId);
        }

        if (booking.BankrollId is { } id)
        {
            var bankroll = (await store.BankrollsAsync(caller.UserId)).FirstOrDefault(b => b.Id == id) ?? throw new BankrollNotFoundException(id);
            if (bankroll.Currency != session.Currency)
            {
                throw InvalidInputException.Field("bankrollId", $"The session is in {session.Currency}, the bankroll in {bankroll.Currency}.");
            }
        }

        await using (await LockLedgerAsync(caller))
        {
            var (before, results) = await LedgerNowAsync(caller);
            var bookings = before.Bookings.ToDictionary();
            if (booking.BankrollId is { } to)
            {
                // Deleted from another device since it was looked at: booked to it, the result would count nowhere.
                _ = before.Bankrolls.FirstOrDefault(b => b.Id == to) ?? throw new BankrollNotFoundException(to);
                bookings[sessionId] = to;
            }
            else
            {
                bookings.Remove(sessionId);
            }

            EnsureStillHeld(before, before with { Bookings = bookings }, results,
                "Booked elsewhere, this session's result no longer pays for it", "remove that entry first, or record a deposit before it");
            await store.BookAsync(caller.UserId, sessionId, booking.BankrollId);
        }
    }

    private async Task<Statistics.SessionResult?> MadeFromHandsAsync(Caller caller, Guid sessionId) =>
        (await sessions.EndedSessionsAsync(caller.UserId, new Statistics.StatsFilter(), CancellationToken.None)).FirstOrDefault(s => s.Id == sessionId && s.FromHands);

    /// <summary>The ledger as it stands, and the ended sessions it books: read once, under the lock, by each change here.</summary>
    private async Task<(LedgerState Ledger, IReadOnlyList<Statistics.SessionResult> Results)> LedgerNowAsync(Caller caller)
    {
        var (bankrolls, entries, results, bookings) = await LoadAsync(caller, null, CancellationToken.None);
        return (new LedgerState(bankrolls, entries, bookings), results);
    }

    /// <summary>Refuses (409) a change after which some money taken out would come to more than its bankroll held.</summary>
    private static void EnsureStillHeld(LedgerState before, LedgerState after, IReadOnlyList<Statistics.SessionResult> results, string why, string remedy)
    {
        if (BankrollLedger.Overdrawn(before, after, results) is var (bankroll, point))
        {
            throw new BankrollConflictException($"{why}: {bankroll.Name} would hold {After(bankroll, point)}. To do this, {remedy}.");
        }
    }
}
