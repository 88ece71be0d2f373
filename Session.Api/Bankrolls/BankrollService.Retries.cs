using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>
/// Deposits, withdrawals and transfers sent with an Idempotency-Key (the app sends one with each,
/// and the same one again when the player taps once more after an answer was lost on the way):
/// the money is booked once, and the request sent again gets the first answer, even when the
/// ledger as it is now would refuse it (a withdrawal that took the balance to nothing). The same
/// key with another request is a 422.
/// </summary>
public sealed partial class BankrollService
{
    public async Task<LedgerEntry> AddEntryAsync(Caller caller, Guid id, NewEntry input, string? idempotencyKey = null)
    {
        var request = Request(idempotencyKey, "ledger-entry", id, input);
        return (await OnceAsync(caller, request, () => AddEntryOnceAsync(caller, id, input, request)))[0];
    }

    public async Task<IReadOnlyList<LedgerEntry>> TransferAsync(Caller caller, NewTransfer input, string? idempotencyKey = null)
    {
        var request = Request(idempotencyKey, "transfer", input.From, input);
        return await OnceAsync(caller, request, () => TransferOnceAsync(caller, input, request));
    }

    private LedgerRequest? Request(string? key, string operation, Guid target, object body) =>
        key is null ? null : new LedgerRequest(key, RequestFingerprint.Of(operation, target, body), options.Value.IdempotencyTtl);

    private async Task<LedgerEntry[]> OnceAsync(Caller caller, LedgerRequest? request, Func<Task<LedgerEntry[]>> book)
    {
        if (await ReplayAsync(caller, request) is { } first)
        {
            return first;
        }

        try
        {
            return await book();
        }
        catch (ProblemException) when (request is not null)
        {
            // Refused now, but perhaps because the same request, sent a moment before, was booked
            // (two sent at once: the second waits for the ledger's lock, then finds less money).
            if (await ReplayAsync(caller, request) is { } booked)
            {
                return booked;
            }

            throw;
        }
    }

    /// <summary>Writes the entries (with the request's record); a record found written meanwhile answers instead, a bankroll deleted meanwhile is a 404.</summary>
    private async Task<LedgerEntry[]> SaveAsync(Caller caller, LedgerRequest? request, params LedgerEntry[] entries)
    {
        if (await store.AddEntriesAsync(caller.UserId, request, entries))
        {
            return entries;
        }

        if (await ReplayAsync(caller, request) is { } first)
        {
            return first;
        }

        var bankrolls = (await store.BankrollsAsync(caller.UserId)).Select(b => b.Id).ToHashSet();
        return entries.FirstOrDefault(e => !bankrolls.Contains(e.BankrollId)) is { } orphan ? throw new BankrollNotFoundException(orphan.BankrollId) : throw Full();
    }

    private async Task<LedgerEntry[]?> ReplayAsync(Caller caller, LedgerRequest? request)
    {
        if (request is null || await store.RecordAsync(caller.UserId, request.Key) is not { } record)
        {
            return null;
        }

        return record.Fingerprint == request.Fingerprint ? record.Entries : throw new IdempotencyKeyReusedException();
    }
}
