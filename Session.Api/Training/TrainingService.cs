using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts.Training;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.SessionApi.Training;

public sealed record StartTrainingRequest(string? Drill = null, double? MinStack = null, double? MaxStack = null, double? Ante = null);

public sealed record DecisionRequest(int Spot, string Choice);

/// <summary>A training session as the player sees it: answered spots with their grades, and the open spot (never its answer).</summary>
public sealed record TrainingView(
    Guid Id, string Drill, double MinStack, double MaxStack, double Ante, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int Decisions, int Correct, double EvLost, double? EvLostPer100, TrainingSpot? Open, IReadOnlyList<TrainingSpot> Answered, long Version)
{
    public static TrainingView From(TrainingState s) => new(
        s.Id, s.Drill, s.MinStack, s.MaxStack, s.Ante, s.StartedAt, s.EndedAt, s.Decisions, s.Correct, Math.Round(s.EvLost, 4),
        s.Decisions == 0 ? null : Math.Round(s.EvLost / s.Decisions * 100, 2), s.Open, s.Spots.Where(p => p.Decision is not null).ToList(), s.Version);
}

/// <summary>The answer to a decision: its grade and the next spot.</summary>
public sealed record DecisionResult(TrainingSpot Graded, TrainingSpot? Next, TrainingView Training);

/// <summary>
/// Push/fold training: deals spots (two real cards from a cryptographic random source, a stack,
/// a seat), grades each decision on the server against the equilibrium (the client never gets the
/// answer before it decides), and records everything as events like live sessions.
/// </summary>
public sealed partial class TrainingService(
    TrainingStore store, Grader grader, TimeProvider time, IOptions<TrainingOptions> options, ILogger<TrainingService> logger)
{
    /// <summary>The antes a drill or chart may use (solutions are cached per game: a handful of antes keeps that bounded).</summary>
    public static readonly double[] Antes = [0, 0.05, 0.1, 0.125, 0.15, 0.2, 0.25];

    public async Task<TrainingView> GetAsync(Caller caller, Guid id) => TrainingView.From(await LoadOwnedAsync(caller, id));

    public async Task<IReadOnlyList<TrainingView>> ListAsync(Caller caller, int limit) =>
        (await store.ListAsync(caller.UserId, limit)).Select(TrainingView.From).ToList();

    /// <summary>Grades the open spot; with an Idempotency-Key, once: the last decision's key sent again gets its answer (another request with it, a 422).</summary>
    public async Task<DecisionResult> DecideAsync(Caller caller, Guid id, DecisionRequest request, string? idempotencyKey = null)
    {
        var state = await LoadOwnedAsync(caller, id);
        if (idempotencyKey is not null && idempotencyKey == state.LastDecisionKey && state.Spots.LastOrDefault(s => s.Decision is not null) is { } last)
        {
            return last.Number == request.Spot && TrainingNames.ParseChoice(request.Choice) is { } again && TrainingNames.Choice(again) == last.Decision!.Choice
                ? new DecisionResult(last, state.Open, TrainingView.From(state))
                : throw new IdempotencyKeyReusedException();
        }

        if (state.Ended)
        {
            throw new SessionConflictException("This training session has ended.");
        }

        var open = state.Open ?? throw new SessionConflictException("No spot is waiting for an answer.");
        if (request.Spot != open.Number)
        {
            throw new SessionConflictException($"Answer spot {open.Number}, the one dealt now.");
        }

        var choice = TrainingNames.ParseChoice(request.Choice);
        var seat = open.Seat == "big-blind" ? TrainingSeat.BigBlind : TrainingSeat.SmallBlind;
        if (choice is null || (seat == TrainingSeat.SmallBlind && choice == Choice.Call) || (seat == TrainingSeat.BigBlind && choice == Choice.Shove))
        {
            throw InvalidInputException.Field("choice", seat == TrainingSeat.SmallBlind ? "The small blind shoves or folds." : "The big blind calls or folds.");
        }

        var now = time.GetUtcNow();
        await CountTodayAsync(TrainingStore.Quota.Decisions, caller, now, caller.IsPremium ? options.Value.PremiumDecisionsPerDay : options.Value.FreeDecisionsPerDay, DecisionsText(caller));

        try
        {
            // A spot dealt before stacks were kept above the blind and ante is graded at the smallest stack that covers them.
            var grade = grader.Grade(new PushFoldGame(Math.Max(open.Stack, PushFoldGame.SmallestStack(open.Ante)), open.Ante), HandClass.Parse(open.HandClass), seat,
                choice == Choice.Fold ? TrainingChoice.Fold : TrainingChoice.Aggressive);
            var aggressive = seat == TrainingSeat.SmallBlind ? Choice.Shove : Choice.Call;
            var expected = state.Version;
            var decided = Event(id, caller.UserId, expected + 1, now, e => e.DecisionMade = new DecisionMade
            {
                Spot = open.Number, Choice = choice.Value, Best = grade.Best == TrainingChoice.Aggressive ? aggressive : Choice.Fold,
                Correct = grade.Correct, EvLost = grade.EvLost, EvAggressive = grade.EvAggressive, EvFold = grade.EvFold,
                EquilibriumFrequency = grade.Frequency, HandClass = open.HandClass, Stack = open.Stack, Ante = open.Ante,
                Seat = seat == TrainingSeat.BigBlind ? Seat.BigBlind : Seat.SmallBlind,
            });
            state.Apply(decided);
            TrainingEventEnvelope dealt;
            if (state.Decisions >= options.Value.DecisionsPerTraining)
            {
                // The drill is full: it ends with this decision, and the player starts a new one.
                dealt = Event(id, caller.UserId, expected + 2, now, e => e.TrainingEnded = new TrainingEnded { Decisions = state.Decisions, Correct = state.Correct, EvLost = state.EvLost });
            }
            else
            {
                var mistakes = state.Drill == "leaks" ? await store.MistakesAsync(caller.UserId) : [];
                dealt = Event(id, caller.UserId, expected + 2, now, e => e.SpotDealt = Deal(open.Number + 1, state, mistakes));
            }

            state.Apply(dealt);
            state.LastDecisionKey = idempotencyKey;
            if (!await store.AppendAsync(state, expected, [decided, dealt], [Feed(decided, state), Feed(dealt, state)]))
            {
                throw new SessionConflictException("The training session changed meanwhile; load it again.");
            }

            if (!grade.Correct)
            {
                await store.RememberMistakeAsync(caller.UserId, open.Seat, open.Stack, open.HandClass);
            }

            return new DecisionResult(state.Spots.Single(s => s.Number == open.Number), state.Open, TrainingView.From(state));
        }
        catch
        {
            await store.UncountAsync(TrainingStore.Quota.Decisions, caller.UserId, now);
            throw;
        }
    }

    /// <summary>Counts one more against a daily quota, or refuses (429) when it is used up and says when it starts again.</summary>
    private async Task CountTodayAsync(TrainingStore.Quota quota, Caller caller, DateTimeOffset now, int limit, string what)
    {
        if (await store.CountAsync(quota, caller.UserId, now) > limit)
        {
            await store.UncountAsync(quota, caller.UserId, now);
            throw QuotaUsed(now, what);
        }
    }

    private static RateLimitedException QuotaUsed(DateTimeOffset now, string what)
    {
        var reset = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return new RateLimitedException($"{what}; the count starts again at {reset:HH:mm} UTC", reset - now);
    }

    private string DecisionsText(Caller caller) => caller.IsPremium
        ? "graded decisions today"
        : $"graded decisions today ({options.Value.FreeDecisionsPerDay} a day for free players, more with premium)";

    public async Task<TrainingView> EndAsync(Caller caller, Guid id)
    {
        var state = await LoadOwnedAsync(caller, id);
        if (state.Ended)
        {
            return TrainingView.From(state);
        }

        var now = time.GetUtcNow();
        var expected = state.Version;
        var ended = Event(id, caller.UserId, expected + 1, now, e => e.TrainingEnded = new TrainingEnded { Decisions = state.Decisions, Correct = state.Correct, EvLost = state.EvLost });
        state.Apply(ended);
        if (!await store.AppendAsync(state, expected, [ended], [Feed(ended, state)]))
        {
            throw new SessionConflictException("The training session changed meanwhile; load it again.");
        }

        return TrainingView.From(state);
    }

    private async Task<TrainingState> LoadOwnedAsync(Caller caller, Guid id)
    {
        var state = await store.LoadAsync(id);
        return state is not null && state.OwnerId == caller.UserId ? state : throw new TrainingNotFoundException(id);
    }

    /// <summary>The next spot: for the leaks drill, most often one like a past mistake; otherwise any in the drill's stacks.</summary>
    private static SpotDealt Deal(int number, TrainingState state, IReadOnlyList<(string Seat, double Stack, string HandClass, double Weight)> mistakes)
    {
        string seat;
        double stack;
        HandClass? hand = null;
        if (mistakes.Count > 0 && RandomNumberGenerator.GetInt32(10) < 7)
        {
            var pick = RandomNumberGenerator.GetInt32((int)Math.Max(1, mistakes.Sum(m => m.Weight)));
            var chosen = mistakes[0];
            foreach (var mistake in mistakes)
            {
                chosen = mistake;
                pick -= (int)mistake.Weight;
                if (pick < 0)
                {
                    break;
                }
            }

            seat = chosen.Seat;
            stack = Math.Clamp(Math.Round(chosen.Stack - 0.5 + RandomNumberGenerator.GetInt32(11) / 10.0, 1), PushFoldGame.SmallestStack(state.Ante), 50);
            hand = HandClass.Parse(chosen.HandClass);
        }
        else
        {
            seat = RandomNumberGenerator.GetInt32(2) == 0 ? "small-blind" : "big-blind";
            var steps = (int)Math.Round((state.MaxStack - state.MinStack) * 10);
            stack = Math.Max(Math.Round(state.MinStack + RandomNumberGenerator.GetInt32(steps + 1) / 10.0, 1), PushFoldGame.SmallestStack(state.Ante));
        }

        var (card1, card2) = hand is { } wanted ? RandomCardsOf(wanted) : RandomCards();
        return new SpotDealt
        {
            Spot = number, Card1 = card1.ToString(), Card2 = card2.ToString(), HandClass = HandClass.Of(card1, card2).ToString(),
            Stack = stack, Ante = state.Ante, Seat = seat == "big-blind" ? Seat.BigBlind : Seat.SmallBlind,
        };
    }

    private static (Card, Card) RandomCards()
    {
        var first = RandomNumberGenerator.GetInt32(52);
        var second = RandomNumberGenerator.GetInt32(51);
        second += second >= first ? 1 : 0;
        return (Card.FromIndex(first), Card.FromIndex(second));
    }

    private static (Card, Card) RandomCardsOf(HandClass hand)
    {
        var combos = hand.Hands().ToArray();
        var (a, b) = combos[RandomNumberGenerator.GetInt32(combos.Length)];
        return RandomNumberGenerator.GetInt32(2) == 0 ? (a, b) : (b, a);
    }

    private static TrainingEventEnvelope Event(Guid id, string userId, long sequence, DateTimeOffset at, Action<TrainingEventEnvelope> set)
    {
        var e = new TrainingEventEnvelope
        {
            EventId = Guid.CreateVersion7(at).ToString(), TrainingId = id.ToString(), UserId = userId, Sequence = sequence,
            OccurredAt = Timestamp.FromDateTimeOffset(at), SchemaVersion = 1,
        };
        set(e);
        return e;
    }

    /// <summary>What the player's live stream carries: the spot dealt, or the grade of the decision just made.</summary>
    private static string Feed(TrainingEventEnvelope e, TrainingState state)
    {
        var node = new JsonObject
        {
            ["type"] = e.PayloadCase.ToString(),
            ["trainingId"] = e.TrainingId,
            ["sequence"] = e.Sequence,
            ["decisions"] = state.Decisions,
            ["correct"] = state.Correct,
            ["evLost"] = Math.Round(state.EvLost, 4),
        };
        var spot = e.PayloadCase switch
        {
            TrainingEventEnvelope.PayloadOneofCase.SpotDealt => state.Spots.LastOrDefault(),
            TrainingEventEnvelope.PayloadOneofCase.DecisionMade => state.Spots.LastOrDefault(s => s.Decision is not null),
            _ => null,
        };
        if (spot is not null)
        {
            node["spot"] = JsonSerializer.SerializeToNode(spot, ApiJson.Options);
        }

        return node.ToJsonString();
    }
}

public sealed class TrainingNotFoundException(Guid id) : ProblemException(404, "Training session not found.", $"Training session {id} was not found.")
{
    public override string Code => "NOT_FOUND";
}
