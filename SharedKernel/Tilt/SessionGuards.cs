using System.Globalization;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SharedKernel.Tilt;

/// <summary>
/// Limits a player sets for themselves (all optional; money in minor units of <see cref="Currency"/>).
/// Kept in Redis as JSON by Session.Api, per player and optionally per session (which then wins),
/// and checked by Tilt.Worker after every event.
/// </summary>
/// <param name="Currency">
/// The currency of the money limits (stop-loss, stop-win, drawdown): they hold for sessions in it
/// only, the others (buy-ins, time) for every session. Null in limits set before it was asked: then
/// they hold for every session, as they did.
/// </param>
public sealed record SessionGuards(
    long? StopLoss = null,
    double? StopLossBuyIns = null,
    long? StopWin = null,
    int? MaxDurationMinutes = null,
    long? MaxDrawdown = null,
    string? Currency = null)
{
    public static string UserKey(string userId) => $"pt:guards:user:{userId}";

    public static string SessionKey(Guid sessionId) => $"pt:guards:session:{sessionId:N}";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasMoneyLimit => StopLoss is not null || StopWin is not null || MaxDrawdown is not null;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Any => StopLoss is not null || StopLossBuyIns is not null || StopWin is not null || MaxDurationMinutes is not null || MaxDrawdown is not null;
}

/// <param name="Limit">Which limit, at which value ("money:30000", "buy-ins:2"): a limit the player moves, or a second limit of the same kind, is another breach.</param>
public sealed record GuardBreach(string Kind, string Reason, string Limit)
{
    /// <summary>What an alert's quiet time is kept under: the same limit, broken again, stays quiet; another one speaks.</summary>
    public string Cooldown => $"{Kind}:{Limit}";
}

/// <summary>Which guards a session breaks right now.</summary>
public static class GuardEvaluator
{
    /// <summary>The kind of the time limit's breach, the one limit that is reached without an event.</summary>
    public const string MaxDuration = "max-duration";

    public static IReadOnlyList<GuardBreach> Check(IReadOnlyList<SessionEventEnvelope> events, SessionGuards guards, DateTimeOffset now) =>
        Check(TiltSession.Of(events), guards, now);

    public static IReadOnlyList<GuardBreach> Check(TiltSession session, SessionGuards guards, DateTimeOffset now)
    {
        var state = session.State;
        var (peak, firstBuyIn) = (session.PeakNet, session.FirstCashBuyIn);
        if (state.Status != SessionStatus.Active)
        {
            return [];
        }

        var net = state.NetResult;
        var breaches = new List<GuardBreach>();
        // A limit of $200.00 says nothing about a session in yen.
        var inCurrency = guards.Currency is null || guards.Currency == state.Currency;
        // A tournament's entry is the price of playing it, decided before sitting down, not money lost
        // at the table: its stop-loss counts what goes in after it (re-entries, rebuys, add-ons, expenses).
        var down = state.IsCash ? -net : -net - session.FirstBuyIn;
        if (inCurrency && guards.StopLoss is { } loss && down >= loss)
        {
            var what = state.IsCash ? $"You are down {Money(down, state.Currency)}" : $"You have put {Money(down, state.Currency)} into this tournament beyond its entry";
            breaches.Add(new GuardBreach("stop-loss", $"{what}, {(down == loss ? "at" : "past")} your stop-loss of {Money(loss, state.Currency)}", $"money:{loss}"));
        }
        // In buy-ins, a cash game's: a tournament's buy-in is its entry, counted above in money.
        else if (state.IsCash && guards.StopLossBuyIns is { } buyIns && firstBuyIn > 0 && net <= -buyIns * firstBuyIn)
        {
            var at = net == -buyIns * firstBuyIn;
            var (ratio, limit) = ((double)-net / firstBuyIn, buyIns.ToString("0.#", CultureInfo.InvariantCulture));
            // "down 1.53 buy-ins, past your stop-loss of 1.5", not "down 1.5 …, past … of 1.5".
            var shown = ratio.ToString("0.#", CultureInfo.InvariantCulture) is var tenths && (at || tenths != limit) ? tenths : ratio.ToString("0.##", CultureInfo.InvariantCulture);
            breaches.Add(new GuardBreach("stop-loss", $"You are down {shown} buy-ins, {(at ? "at" : "past")} your stop-loss of {limit} buy-in{(buyIns == 1 ? "" : "s")}", $"buy-ins:{buyIns.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (inCurrency && guards.StopWin is { } win && net >= win)
        {
            breaches.Add(new GuardBreach("stop-win", $"You are up {Money(net, state.Currency)}: your stop-win of {Money(win, state.Currency)} is reached, lock it in", $"money:{win}"));
        }

        if (guards.MaxDurationMinutes is { } minutes && state.PlayingTime(now) >= TimeSpan.FromMinutes(minutes))
        {
            breaches.Add(new GuardBreach(MaxDuration, $"You have played {Duration(state.PlayingTime(now))}, your limit is {Duration(TimeSpan.FromMinutes(minutes))}", $"minutes:{minutes}"));
        }

        if (inCurrency && guards.MaxDrawdown is { } drawdown && peak - net >= drawdown)
        {
            breaches.Add(new GuardBreach("drawdown", $"You are {Money(peak - net, state.Currency)} below your best point this session (limit {Money(drawdown, state.Currency)})", $"money:{drawdown}"));
        }

        return breaches;
    }

    private static string Money(long minor, string currency) => MoneyText.Format(minor, currency);

    /// <summary>"4 minutes", "2 hours", "2 h 5 min": whole minutes, as a player reads a limit.</summary>
    private static string Duration(TimeSpan time)
    {
        var minutes = (int)time.TotalMinutes;
        var (h, m) = (minutes / 60, minutes % 60);
        return h == 0 ? $"{m} minute{(m == 1 ? "" : "s")}"
            : m == 0 ? $"{h} hour{(h == 1 ? "" : "s")}"
            : $"{h} h {m} min";
    }
}
