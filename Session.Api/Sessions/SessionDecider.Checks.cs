using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

public static partial class SessionDecider
{
    // Refusals worded from the limits once, not on every command that checks them.
    private static readonly string SessionTooLong = $"A session lasts at most {Limits.MaxSessionLength.TotalDays:0} days.";
    private static readonly string HandsOutOfRange = $"Must be between 0 and {Limits.MaxHands}.";
    private static readonly string TooLongAgo = $"Cannot be more than {Limits.MaxBackdate.TotalDays:0} days ago.";
    private static readonly string TooEarly = $"Cannot be before {Limits.EarliestStart:yyyy-MM-dd}.";

    private static void CheckAmount(Violations v, string field, long amount, bool allowZero, string? currency)
    {
        v.When(amount < 0 || (!allowZero && amount == 0), field, allowZero ? "Cannot be negative." : "Must be greater than zero.");
        if (amount > Limits.MaxAmount)
        {
            v.Add(field, Limits.TooLarge(currency)); // the message is written only when it is needed (a stack update checks an amount)
        }
    }

    /// <param name="singleLine">Names (venue, game, description): no control character at all, not even a line break.</param>
    private static void CheckText(Violations v, string field, string? text, int maxLength, bool required, bool singleLine = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.When(required, field, "Is required.");
            return;
        }

        if (text.Trim().Length > maxLength)
        {
            v.Add(field, $"Must be at most {maxLength} characters.");
        }

        v.When(singleLine ? text.Any(char.IsControl) : text.Any(ch => char.IsControl(ch) && ch is not '\n' and not '\r' and not '\t'), field,
            singleLine ? "Must be one line without control characters." : "Must not contain control characters.");
    }

    private static void CheckTags(Violations v, IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        v.When(tags.Count > Limits.MaxTags, "tags", $"At most {Limits.MaxTags} tags.");
        v.When(tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > Limits.MaxTagLength || t.Any(char.IsControl)),
            "tags", $"Each tag is 1 to {Limits.MaxTagLength} characters.");
    }

    private static IEnumerable<string> NormalizedTags(IReadOnlyList<string>? tags) =>
        (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);

    private static CashStakes CheckStakes(Violations v, string field, StakesInput s)
    {
        v.When(s.SmallBlind <= 0, $"{field}.smallBlind", "Must be greater than zero.");
        v.When(s.BigBlind < s.SmallBlind, $"{field}.bigBlind", "Must be at least the small blind.");
        v.When(s.BigBlind > Limits.MaxAmount / 100, $"{field}.bigBlind", "Is beyond any real game.");
        v.When(s.Ante is < 0, $"{field}.ante", "Cannot be negative.");
        v.When(s.Ante > s.BigBlind * 10, $"{field}.ante", "Is beyond any real game.");
        v.When(s.Straddle is { } straddle && straddle < s.BigBlind, $"{field}.straddle", "Must be at least the big blind.");
        v.When(s.Straddle > s.BigBlind * 100, $"{field}.straddle", "Is beyond any real game.");
        var stakes = new CashStakes { SmallBlind = s.SmallBlind, BigBlind = s.BigBlind };
        if (s.Ante is { } ante) stakes.Ante = ante;
        if (s.Straddle is { } st) stakes.Straddle = st;
        return stakes;
    }

    private static TournamentTerms CheckTournament(Violations v, string field, TournamentInput t, string? currency)
    {
        CheckAmount(v, $"{field}.buyIn", t.BuyIn, allowZero: true, currency);
        CheckAmount(v, $"{field}.fee", t.Fee, allowZero: true, currency);
        v.When(t.StartingStack is <= 0, $"{field}.startingStack", "Must be greater than zero.");
        v.When(t.StartingStack > Limits.MaxAmount, $"{field}.startingStack", "Is beyond any real game.");
        var terms = new TournamentTerms { BuyIn = t.BuyIn, Fee = t.Fee };
        if (t.StartingStack is { } stack) terms.StartingStack = stack;
        return terms;
    }

    private static void CheckPlacing(Violations v, int? position, int? field)
    {
        v.When(position is < 1, "finishPosition", "Must be 1 or more.");
        v.When(field is < 1 or > Limits.MaxFieldSize, "fieldSize", $"Must be between 1 and {Limits.MaxFieldSize}.");
        v.When(position is { } p && field is { } f && p > f, "finishPosition", "Cannot be beyond the field size.");
    }

    /// <summary>When it happened: now unless given; never in the future, never before the session started.</summary>
    private static DateTimeOffset CheckTime(Violations v, SessionState s, string field, DateTimeOffset? given, DateTimeOffset now)
    {
        var at = given ?? now;
        v.When(at > now + Limits.ClockSkew, field, "Cannot be in the future.");
        v.When(at < s.StartedAt, field, "Cannot be before the session started.");
        v.When(s.EndedAt is { } end && at > end, field, "Cannot be after the session ended.");
        return at < s.StartedAt ? s.StartedAt : at;
    }

    /// <summary>Checks a correction's game word; returns the proto value.</summary>
    private static GameType? CheckGame(Violations v, string? game)
    {
        if (game is null)
        {
            return null;
        }

        if (EventNames.Games.TryParse(game, out var parsed))
        {
            return parsed;
        }

        v.Add("game", "Must be one of NLHE, PLO, PLO5, LHE, Stud, Mixed, Other.");
        return null;
    }
}
