using PokerTracker.HandHistories.Model;

namespace PokerTracker.HandHistories.Statistics;

/// <summary>
/// What one player did in one hand, as the counters the usual statistics are made of. Each
/// percentage is a sum of "made" over a sum of "opportunity" across hands, so the analytics store
/// adds these columns up instead of reading hands back.
/// </summary>
public sealed record PlayerFacts(
    string Player,
    string Position,
    long Invested,
    long Collected,
    bool Vpip,
    bool Pfr,
    bool ThreeBetChance,
    bool ThreeBet,
    bool FoldToThreeBetChance,
    bool FoldToThreeBet,
    bool CBetChance,
    bool CBet,
    bool SawFlop,
    bool WentToShowdown,
    bool WonAtShowdown,
    int PostflopAggressive,
    int PostflopCalls)
{
    public long Net => Collected - Invested;

    /// <summary>The facts of every player dealt in (sitting-out seats are left out).</summary>
    public static IReadOnlyList<PlayerFacts> Of(Hand hand)
    {
        var dealtIn = hand.Seats.Where(s => !s.SittingOut || hand.Actions.Any(a => a.Player == s.Player)).ToList();
        var positions = Positions(hand, dealtIn);
        var invested = hand.Contributions();
        var collected = hand.Collected();
        var preflop = Preflop(hand);
        var flopSeen = hand.Boards.Any(b => b.Count >= 3);
        var folded = hand.Actions.Where(a => a.Kind == ActionKind.Fold).Select(a => a.Player).ToHashSet();
        var foldedPreflop = hand.Actions.Where(a => a.Kind == ActionKind.Fold && a.Street == Street.Preflop).Select(a => a.Player).ToHashSet();
        var atShowdown = dealtIn.Where(s => !folded.Contains(s.Player)).Select(s => s.Player).ToHashSet();
        var showdown = atShowdown.Count > 1;
        var cbet = ContinuationBet(hand, preflop.LastAggressor);

        return [.. dealtIn.Select(seat =>
        {
            var p = seat.Player;
            var sawFlop = flopSeen && !foldedPreflop.Contains(p);
            var post = hand.Actions.Where(a => a.Player == p && a.Street > Street.Preflop).ToList();
            return new PlayerFacts(
                p,
                positions.GetValueOrDefault(p, "?"),
                invested.GetValueOrDefault(p),
                collected.GetValueOrDefault(p),
                preflop.Voluntary.Contains(p),
                preflop.Raisers.Contains(p),
                preflop.ThreeBetChances.Contains(p),
                preflop.ThreeBettors.Contains(p),
                preflop.FoldToThreeBetChances.Contains(p),
                preflop.FoldedToThreeBet.Contains(p),
                cbet.Chance && p == preflop.LastAggressor,
                cbet.Made && p == preflop.LastAggressor,
                sawFlop,
                sawFlop && showdown && atShowdown.Contains(p),
                sawFlop && showdown && atShowdown.Contains(p) && collected.GetValueOrDefault(p) > 0,
                post.Count(a => a.Aggressive),
                post.Count(a => a.Kind == ActionKind.Call));
        })];
    }

    private sealed record PreflopFacts(
        HashSet<string> Voluntary,
        HashSet<string> Raisers,
        HashSet<string> ThreeBetChances,
        HashSet<string> ThreeBettors,
        HashSet<string> FoldToThreeBetChances,
        HashSet<string> FoldedToThreeBet,
        string? LastAggressor);

    /// <summary>
    /// Walks the preflop actions counting raises (the big blind is the first bet): a player acting
    /// after exactly one raise could 3-bet; the opener who then faces a 3-bet (and no 4-bet yet) could fold to it.
    /// </summary>
    private static PreflopFacts Preflop(Hand hand)
    {
        var facts = new PreflopFacts([], [], [], [], [], [], null);
        var raises = 0;
        string? opener = null;
        string? lastAggressor = null;
        var openerFacing3Bet = false;
        foreach (var a in hand.Actions.Where(a => a.Street == Street.Preflop && a.Kind is not (ActionKind.SmallBlind or ActionKind.BigBlind or ActionKind.Ante or ActionKind.Straddle or ActionKind.DeadBlind or ActionKind.Return)))
        {
            if (raises == 1 && a.Player != opener)
            {
                facts.ThreeBetChances.Add(a.Player);
            }

            if (openerFacing3Bet && a.Player == opener)
            {
                facts.FoldToThreeBetChances.Add(a.Player);
                if (a.Kind == ActionKind.Fold)
                {
                    facts.FoldedToThreeBet.Add(a.Player);
                }

                openerFacing3Bet = false;
            }

            if (a.Voluntary)
            {
                facts.Voluntary.Add(a.Player);
            }

            if (a.Aggressive)
            {
                facts.Raisers.Add(a.Player);
                raises++;
                lastAggressor = a.Player;
                if (raises == 1)
                {
                    opener = a.Player;
                }
                else if (raises == 2)
                {
                    facts.ThreeBettors.Add(a.Player);
                    openerFacing3Bet = opener is not null;
                }
                else
                {
                    // A 4-bet before the opener acts again: they face that, not a 3-bet (as PokerTracker 4 and Hold'em Manager count it).
                    openerFacing3Bet = false;
                }
            }
        }

        return facts with { LastAggressor = lastAggressor };
    }

    /// <summary>Whether the preflop aggressor could bet the flop first (nobody bet before them), and did.</summary>
    private static (bool Chance, bool Made) ContinuationBet(Hand hand, string? aggressor)
    {
        if (aggressor is null)
        {
            return (false, false);
        }

        foreach (var a in hand.Actions.Where(a => a.Street == Street.Flop))
        {
            if (a.Player == aggressor)
            {
                return (true, a.Kind == ActionKind.Bet);
            }

            if (a.Aggressive)
            {
                return (false, false);
            }
        }

        return (false, false);
    }

    /// <summary>BTN, SB, BB, then the others from the button's left: EP, MP, … with CO before the button.</summary>
    private static Dictionary<string, string> Positions(Hand hand, List<HandSeat> dealtIn)
    {
        var result = new Dictionary<string, string>();
        var sb = hand.Actions.FirstOrDefault(a => a.Kind == ActionKind.SmallBlind)?.Player;
        var bb = hand.Actions.FirstOrDefault(a => a.Kind == ActionKind.BigBlind)?.Player;
        var ordered = dealtIn.OrderBy(s => s.Number).ToList();
        var buttonIndex = ordered.FindIndex(s => s.Number >= hand.Button);
        buttonIndex = buttonIndex < 0 ? ordered.Count - 1 : ordered[buttonIndex].Number == hand.Button ? buttonIndex : (buttonIndex - 1 + ordered.Count) % ordered.Count;
        var fromButton = Enumerable.Range(0, ordered.Count).Select(i => ordered[(buttonIndex + i) % ordered.Count].Player).ToList();
        var button = fromButton[0];
        if (ordered.Count == 2)
        {
            // Heads-up: the button posts the small blind.
            result[button] = "SB";
            result[fromButton[1]] = "BB";
            return result;
        }

        result[button] = "BTN";
        if (sb is not null)
        {
            result[sb] = "SB";
        }

        if (bb is not null)
        {
            result[bb] = "BB";
        }

        var rest = fromButton.Skip(1).Where(p => !result.ContainsKey(p)).ToList();
        for (var i = 0; i < rest.Count; i++)
        {
            var fromEnd = rest.Count - 1 - i;
            result[rest[i]] = fromEnd switch
            {
                0 => "CO",
                1 => "HJ",
                _ => i == 0 ? "UTG" : "MP",
            };
        }

        return result;
    }
}
