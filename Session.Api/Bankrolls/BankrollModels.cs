namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>
/// A pot of money in one currency ("Live USD", "Online EUR"). Ended sessions in its currency are
/// booked to it by default when it is the default for their kind of play (live or online), or when
/// the player books a session to it.
/// </summary>
public sealed record Bankroll(Guid Id, string Name, string Currency, bool Live, bool Online, DateTimeOffset CreatedAt);

/// <summary>A money movement the player records. Amounts are positive minor units; the kind gives the sign.</summary>
public sealed record LedgerEntry(Guid Id, Guid BankrollId, string Kind, long Amount, DateTimeOffset At, string? Note, Guid? TransferId)
{
    public const string Deposit = "deposit";
    public const string Withdrawal = "withdrawal";
    public const string TransferIn = "transfer-in";
    public const string TransferOut = "transfer-out";

    [System.Text.Json.Serialization.JsonIgnore]
    public long Signed => Kind is Deposit or TransferIn ? Amount : -Amount;
}

/// <summary>A bankroll with its figures now.</summary>
public sealed record BankrollView(
    Guid Id, string Name, string Currency, bool Live, bool Online, long Balance, long Deposits, long Withdrawals, long TransfersIn, long TransfersOut,
    long SessionsNet, int Sessions);

/// <summary>
/// One change of a bankroll's balance, for its chart and history: an entry or a session's result (at
/// its end, when the money moved). A session's point also carries its start and its table's zone, so
/// that it is listed under the date it is known by everywhere else.
/// </summary>
public sealed record BalancePoint(
    DateTimeOffset At, string Kind, long Change, long Balance, string Label, Guid? EntryId, Guid? SessionId,
    DateTimeOffset? SessionStartedAt = null, string? TimeZone = null);

public sealed record BankrollsView(IReadOnlyList<BankrollView> Bankrolls, int UnbookedSessions);

public sealed record NewBankroll(string? Name, string? Currency, bool? Live = null, bool? Online = null);

public sealed record BankrollChange(string? Name = null, bool? Live = null, bool? Online = null);

public sealed record NewEntry(string? Kind, long Amount, DateTimeOffset? At = null, string? Note = null);

/// <summary>Money moved between two bankrolls; <see cref="Received"/> is needed when their currencies differ.</summary>
public sealed record NewTransfer(Guid From, Guid To, long Amount, long? Received = null, DateTimeOffset? At = null, string? Note = null);

public sealed record Booking(Guid? BankrollId = null);

/// <summary>
/// A deposit, withdrawal or transfer sent with an Idempotency-Key: its record (what was asked, and
/// the entries written) is kept for <see cref="Keep"/>, so that the same request sent again after
/// a lost answer gets the first answer instead of booking the money twice.
/// </summary>
public sealed record LedgerRequest(string Key, string Fingerprint, TimeSpan Keep);

/// <summary>A player's ledger as it stands: bankrolls, entries, and the sessions booked by hand.</summary>
public sealed record LedgerState(IReadOnlyList<Bankroll> Bankrolls, IReadOnlyList<LedgerEntry> Entries, IReadOnlyDictionary<Guid, Guid> Bookings);
