using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Statistics;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>Checks and carries out the player's bankroll changes, and computes the figures from the ledger and the ended sessions.</summary>
public sealed partial class BankrollService(
    BankrollStore store, StatisticsReader sessions, SessionService recorded, PlayerLimiters limiters, IOptions<SessionStoreOptions> options, TimeProvider time)
{
    public async Task<BankrollsView> ListAsync(Caller caller, CancellationToken ct)
    {
        var (bankrolls, entries, results, bookings) = await LoadAsync(caller, null, ct);
        return BankrollLedger.Summarize(bankrolls, entries, results, bookings);
    }

    public async Task<IReadOnlyList<BalancePoint>> HistoryAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var (bankrolls, entries, results, bookings) = await LoadAsync(caller, null, ct);
        var bankroll = bankrolls.FirstOrDefault(b => b.Id == id) ?? throw new BankrollNotFoundException(id);
        return BankrollLedger.History(bankroll, bankrolls, entries, results, bookings);
    }

    /// <summary>What the player's bankrolls in <paramref name="currency"/> hold now, or null when they have none.</summary>
    /// <param name="ended">Every ended session of the player when the caller has them already (not read again).</param>
    public async Task<long?> BalanceInAsync(Caller caller, string currency, IReadOnlyList<SessionResult>? ended, CancellationToken ct)
    {
        var (bankrolls, entries, results, bookings) = await LoadAsync(caller, ended, ct, onlyIn: currency);
        return bankrolls.Any(b => b.Currency == currency)
            ? BankrollLedger.Summarize(bankrolls, entries, results, bookings).Bankrolls.Where(b => b.Currency == currency).Sum(b => b.Balance)
            : null;
    }

    /// <summary>
    /// A new bankroll. Sent again with the same Idempotency-Key (its answer was lost on the way), it gets the
    /// first answer instead of a 409 for its own name; the same key with another request is a 422.
    /// </summary>
    public async Task<Bankroll> CreateAsync(Caller caller, NewBankroll input, string? idempotencyKey = null)
    {
        var v = new Dictionary<string, string[]>();
        var name = CheckName(input.Name, v);
        input = input with { Currency = Currencies.Normalize(input.Currency) };
        if (!Currencies.IsValid(input.Currency))
        {
            v["currency"] = ["Must be an ISO 4217 code, e.g. USD or EUR."];
        }

        Throw(v);
        // Under the ledger's lock, as every change is: two devices creating at once cannot both pass the
        // checks of a unique name and one default bankroll per currency and kind of play.
        var request = Request(idempotencyKey, "bankroll", Guid.Empty, input with { Name = name });
        await using (await LockLedgerAsync(caller))
        {
            if (request is not null && await store.CreatedAsync(caller.UserId, request.Key) is { } first)
            {
                return first.Fingerprint == request.Fingerprint ? first.Bankroll : throw new IdempotencyKeyReusedException();
            }

            var existing = await store.BankrollsAsync(caller.UserId);
            EnsureUniqueName(existing, name, null);
            var bankroll = new Bankroll(Guid.CreateVersion7(), name, input.Currency!, input.Live ?? false, input.Online ?? false, time.GetUtcNow());
            EnsureOneDefault(existing, bankroll);
            return await store.SaveBankrollAsync(caller.UserId, bankroll, isNew: true, request)
                ? bankroll
                : throw new QuotaExceededException($"A player keeps at most {BankrollStore.MaxBankrolls} bankrolls.");
        }
    }

    private async Task<LedgerEntry[]> AddEntryOnceAsync(Caller caller, Guid id, NewEntry input, LedgerRequest? request)
    {
        limiters.ChargeWrite(caller.UserId);
        var bankroll = (await store.BankrollsAsync(caller.UserId)).FirstOrDefault(b => b.Id == id) ?? throw new BankrollNotFoundException(id);
        var v = new Dictionary<string, string[]>();
        if (input.Kind is not (LedgerEntry.Deposit or LedgerEntry.Withdrawal))
        {
            v["kind"] = ["Must be 'deposit' or 'withdrawal' (move money between bankrolls with a transfer)."];
        }

        CheckAmount(input.Amount, bankroll.Currency, "amount", v);
        var (at, note) = (CheckTime(input.At, v), CheckNote(input.Note, v));
        Throw(v);
        var entry = new LedgerEntry(Guid.CreateVersion7(), id, input.Kind!, input.Amount, at, note, null);
        if (input.Kind != LedgerEntry.Withdrawal)
        {
            return await SaveAsync(caller, request, entry);
        }

        await using (await LockLedgerAsync(caller))
        {
            await EnsureHoldsAsync(caller, [entry], "withdraw");
            return await SaveAsync(caller, request, entry);
        }
    }

    private async Task<LedgerEntry[]> TransferOnceAsync(Caller caller, NewTransfer input, LedgerRequest? request)
    {
        limiters.ChargeWrite(caller.UserId);
        var bankrolls = await store.BankrollsAsync(caller.UserId);
        var from = bankrolls.FirstOrDefault(b => b.Id == input.From) ?? throw new BankrollNotFoundException(input.From);
        var to = bankrolls.FirstOrDefault(b => b.Id == input.To) ?? throw new BankrollNotFoundException(input.To);
        var v = new Dictionary<string, string[]>();
        if (from.Id == to.Id)
        {
            v["to"] = ["Must be another bankroll."];
        }

        CheckAmount(input.Amount, from.Currency, "amount", v);
        long received = input.Amount;
        if (from.Currency != to.Currency)
        {
            if (input.Received is { } r)
            {
                CheckAmount(r, to.Currency, "received", v);
                received = r;
            }
            else
            {
                v["received"] = [$"The bankrolls are in {from.Currency} and {to.Currency}: say how much arrived in {to.Currency}."];
            }
        }
        else if (input.Received is { } same && same != input.Amount)
        {
            v["received"] = ["Both bankrolls are in the same currency: what arrives is what was sent."];
        }

        var (at, note) = (CheckTime(input.At, v), CheckNote(input.Note, v));
        Throw(v);
        var transfer = Guid.CreateVersion7();
        LedgerEntry[] legs =
        [
            new(Guid.CreateVersion7(), from.Id, LedgerEntry.TransferOut, input.Amount, at, note ?? $"to {to.Name}", transfer),
            new(Guid.CreateVersion7(), to.Id, LedgerEntry.TransferIn, received, at, note ?? $"from {from.Name}", transfer),
        ];
        await using (await LockLedgerAsync(caller))
        {
            await EnsureHoldsAsync(caller, legs, "transfer");
            return await SaveAsync(caller, request, legs);
        }
    }

    private async Task<IAsyncDisposable> LockLedgerAsync(Caller caller) =>
        await store.LockLedgerAsync(caller.UserId)
        ?? throw new BankrollConflictException("Another change to your bankrolls is being recorded; send this one again in a moment.");

    /// <summary>
    /// Removes a mistaken entry; a transfer goes as a whole (both legs). A deposit that paid for a
    /// withdrawal stays until the withdrawal is removed: money taken out of a bankroll never comes to
    /// more than it held (what went in and what its sessions made). A session's loss alone may leave
    /// a bankroll below nothing: that was lost at the table, not taken out.
    /// </summary>
    public async Task RemoveEntryAsync(Caller caller, Guid bankrollId, Guid entryId)
    {
        await using (await LockLedgerAsync(caller))
        {
            var (bankrolls, entries, results, bookings) = await LoadAsync(caller, null, CancellationToken.None);
            var entry = entries.FirstOrDefault(e => e.Id == entryId && e.BankrollId == bankrollId) ?? throw new BankrollNotFoundException(entryId, "entry");
            var removed = entry.TransferId is { } t ? entries.Where(e => e.TransferId == t).Select(e => e.Id).ToHashSet() : [entry.Id];
            var left = entries.Where(e => !removed.Contains(e.Id)).ToList();
            if (BankrollLedger.Overdrawn(bankrolls, entries, left, results, bookings) is var (bankroll, point))
            {
                throw new BankrollConflictException(
                    $"Without this entry {bankroll.Name} would hold {After(bankroll, point)}; remove the withdrawals or transfers it paid for first.");
            }

            await store.RemoveEntriesAsync(caller.UserId, removed);
        }
    }

    /// <summary>
    /// The ledger and the ended sessions; nothing more is read when there is no bankroll in <paramref name="onlyIn"/>.
    /// With no bankroll at all the sessions are still read: the list says how many are in none.
    /// </summary>
    private async Task<(IReadOnlyList<Bankroll>, IReadOnlyList<LedgerEntry>, IReadOnlyList<SessionResult>, IReadOnlyDictionary<Guid, Guid>)> LoadAsync(
        Caller caller, IReadOnlyList<SessionResult>? ended, CancellationToken ct, string? onlyIn = null)
    {
        var bankrolls = await store.BankrollsAsync(caller.UserId);
        if (onlyIn is not null && !bankrolls.Any(b => b.Currency == onlyIn))
        {
            return (bankrolls, [], [], new Dictionary<Guid, Guid>());
        }

        var entries = await store.EntriesAsync(caller.UserId);
        var bookings = await store.BookingsAsync(caller.UserId);
        var results = ended ?? await sessions.EndedSessionsAsync(caller.UserId, new StatsFilter(), ct);
        return (bankrolls, entries, results, bookings);
    }

    /// <summary>
    /// Money leaves a bankroll only if it holds it: a withdrawal or transfer past its balance (its
    /// entries and the results of its sessions) is refused, and the player records the deposit first.
    /// </summary>
    private async Task EnsureHoldsAsync(Caller caller, IReadOnlyList<LedgerEntry> added, string verb)
    {
        var (bankrolls, entries, results, bookings) = await LoadAsync(caller, null, CancellationToken.None);
        var taken = added.Single(e => e.Signed < 0);
        var balance = BankrollLedger.Summarize(bankrolls, entries, results, bookings).Bankrolls.SingleOrDefault(b => b.Id == taken.BankrollId)
            ?? throw new BankrollNotFoundException(taken.BankrollId); // deleted while this waited for the ledger
        if (taken.Amount > balance.Balance)
        {
            throw new BankrollConflictException(
                $"{balance.Name} holds {MoneyText.Format(balance.Balance, balance.Currency)}; you cannot {verb} {MoneyText.Format(taken.Amount, balance.Currency)} from it. Record the deposit first.");
        }

        // Dated in the past, it is checked where it falls: against what the bankroll held then, and
        // against every later withdrawal or transfer it would leave without the money it took.
        if (BankrollLedger.Overdrawn(bankrolls, entries, [.. entries, .. added], results, bookings) is var (bankroll, point))
        {
            throw new BankrollConflictException(point.EntryId == taken.Id
                ? $"On {Day(point)} {bankroll.Name} held {MoneyText.Format(point.Balance - point.Change, bankroll.Currency)}; you cannot {verb} {MoneyText.Format(taken.Amount, bankroll.Currency)} from it then. Record the deposit first, or date this later."
                : $"With this, {bankroll.Name} would hold {After(bankroll, point)}. Record the deposit first, or date this later.");
        }
    }

    /// <summary>"−$957.49 after the withdrawal of $1,500.00 on 2026-10-20".</summary>
    internal static string After(Bankroll bankroll, BalancePoint point) =>
        $"{MoneyText.Format(point.Balance, bankroll.Currency)} after the {(point.Kind == LedgerEntry.Withdrawal ? "withdrawal" : "transfer")} of {MoneyText.Format(-point.Change, bankroll.Currency)} on {Day(point)}";

    private static string Day(BalancePoint point) => point.At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
