using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Hands;
using PokerTracker.HandHistories.Model;
using PokerTracker.HandHistories.Review;
using PokerTracker.HandHistories.Statistics;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.SessionApi.Hands;

/// <summary>A parsed hand into the event's shape: every player's counters, the all-in equity, and the hero's push/fold decision graded by the trainer.</summary>
public sealed class HandMapping(Grader grader)
{
    public static string Key(Hand hand) => $"{hand.Site}|{hand.Id}";

    public ImportedHand Map(Hand hand, string format)
    {
        var allIn = AllInEquity.Of(hand);
        var message = new ImportedHand
        {
            Site = hand.Site,
            HandId = hand.Id,
            StartedAt = Timestamp.FromDateTimeOffset(hand.StartedAt),
            Game = hand.Game,
            Currency = hand.Currency,
            TournamentId = hand.TournamentId ?? "",
            SmallBlind = hand.SmallBlind,
            BigBlind = hand.BigBlind,
            Ante = hand.Ante,
            Table = hand.Table,
            MaxSeats = hand.MaxSeats,
            Button = hand.Button,
            Hero = hand.Hero ?? "",
            TotalPot = hand.TotalPot,
            Rake = hand.Rake,
            AddedToPot = hand.AddedToPot,
            Format = format,
            Review = Review(hand),
        };
        message.Boards.AddRange(hand.Boards.Select(b => string.Join(' ', b)));
        foreach (var f in PlayerFacts.Of(hand))
        {
            var seat = hand.Seat(f.Player)!;
            var adjusted = allIn is not null && (allIn.First == f.Player || allIn.Second == f.Player);
            var equity = adjusted ? allIn!.EquityOf(f.Player) : 0;
            message.Players.Add(new HandPlayer
            {
                Name = f.Player,
                Seat = seat.Number,
                Position = f.Position,
                Stack = seat.Stack,
                Cards = string.Join(' ', seat.Cards),
                Invested = f.Invested,
                Collected = f.Collected,
                Hero = f.Player == hand.Hero,
                Vpip = f.Vpip,
                Pfr = f.Pfr,
                ThreeBetChance = f.ThreeBetChance,
                ThreeBet = f.ThreeBet,
                FoldToThreeBetChance = f.FoldToThreeBetChance,
                FoldToThreeBet = f.FoldToThreeBet,
                CbetChance = f.CBetChance,
                Cbet = f.CBet,
                SawFlop = f.SawFlop,
                WentToShowdown = f.WentToShowdown,
                WonAtShowdown = f.WonAtShowdown,
                PostflopAggressive = f.PostflopAggressive,
                PostflopCalls = f.PostflopCalls,
                AllInAdjusted = adjusted,
                AllInEquity = Math.Round(equity, 6),
                AllInEvNet = adjusted ? (long)Math.Round(equity * allIn!.Pot, MidpointRounding.AwayFromZero) - f.Invested : f.Net,
            });
        }

        message.Actions.AddRange(hand.Actions.Select(a => new HandActionRecord
        {
            Street = (int)a.Street,
            Player = a.Player,
            Kind = Kind(a.Kind),
            Amount = a.Amount,
            RaiseTo = a.RaiseTo,
            AllIn = a.AllIn,
        }));
        return message;
    }

    private PushFoldReview? Review(Hand hand)
    {
        if (PushFoldSpot.Of(hand) is not { } spot)
        {
            return null;
        }

        var grade = grader.Grade(spot.Game, spot.Hand, spot.Seat, spot.Choice);
        return new PushFoldReview
        {
            Seat = spot.Seat == TrainingSeat.SmallBlind ? "small-blind" : "big-blind",
            Stack = spot.Game.Stack,
            Ante = spot.Game.Ante,
            HandClass = spot.Hand.ToString(),
            Choice = Choice(spot.Seat, spot.Choice),
            Best = Choice(spot.Seat, grade.Best),
            Correct = grade.Correct,
            EvLost = grade.EvLost,
            EquilibriumFrequency = Math.Round(grade.Frequency, 4),
        };
    }

    private static string Choice(TrainingSeat seat, TrainingChoice choice) =>
        choice == TrainingChoice.Fold ? "fold" : seat == TrainingSeat.SmallBlind ? "shove" : "call";

    public static string Kind(ActionKind kind) => kind switch
    {
        ActionKind.SmallBlind => "small-blind",
        ActionKind.BigBlind => "big-blind",
        ActionKind.DeadBlind => "dead-blind",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
