using PokerTracker.Contracts.Training;

namespace PokerTracker.SessionApi.Training;

/// <summary>A training session as its events make it (the live store keeps this document; the log keeps the events).</summary>
public sealed class TrainingState
{
    public Guid Id { get; set; }
    public string OwnerId { get; set; } = "";
    public string Drill { get; set; } = "";
    public double MinStack { get; set; }
    public double MaxStack { get; set; }
    public double Ante { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public List<TrainingSpot> Spots { get; set; } = [];
    public long Version { get; set; }

    /// <summary>
    /// The Idempotency-Key the last decision came with: sent again, it gets that decision's answer (a
    /// phone that lost the answer retries it; the next spot cannot be answered before its cards arrive).
    /// </summary>
    public string? LastDecisionKey { get; set; }

    public bool Ended => EndedAt is not null;

    /// <summary>The spot waiting for the player's answer, if any.</summary>
    public TrainingSpot? Open => EndedAt is null && Spots.Count > 0 && Spots[^1].Decision is null ? Spots[^1] : null; // an ended session deals no more

    public int Decisions => Spots.Count(s => s.Decision is not null);

    public int Correct => Spots.Count(s => s.Decision?.Correct == true);

    public double EvLost => Spots.Sum(s => s.Decision?.EvLost ?? 0);

    public void Apply(TrainingEventEnvelope e)
    {
        var at = e.OccurredAt.ToDateTimeOffset();
        switch (e.PayloadCase)
        {
            case TrainingEventEnvelope.PayloadOneofCase.TrainingStarted:
                Id = Guid.Parse(e.TrainingId);
                OwnerId = e.UserId;
                Drill = TrainingNames.Drill(e.TrainingStarted.Drill);
                MinStack = e.TrainingStarted.MinStack;
                MaxStack = e.TrainingStarted.MaxStack;
                Ante = e.TrainingStarted.Ante;
                StartedAt = at;
                break;
            case TrainingEventEnvelope.PayloadOneofCase.SpotDealt:
                var d = e.SpotDealt;
                Spots.Add(new TrainingSpot(d.Spot, d.Card1, d.Card2, d.HandClass, d.Stack, d.Ante, TrainingNames.Seat(d.Seat), at, null));
                break;
            case TrainingEventEnvelope.PayloadOneofCase.DecisionMade:
                var m = e.DecisionMade;
                var index = Spots.FindIndex(s => s.Number == m.Spot);
                if (index >= 0)
                {
                    Spots[index] = Spots[index] with
                    {
                        Decision = new TrainingDecision(TrainingNames.Choice(m.Choice), TrainingNames.Choice(m.Best), m.Correct, m.EvLost,
                            m.EvAggressive, m.EvFold, m.EquilibriumFrequency, at),
                    };
                }

                break;
            case TrainingEventEnvelope.PayloadOneofCase.TrainingEnded:
                EndedAt = at;
                break;
        }

        Version = e.Sequence;
    }
}

/// <summary>A spot: two real cards, the effective stack, the seat; and, once answered, the graded decision.</summary>
public sealed record TrainingSpot(
    int Number, string Card1, string Card2, string HandClass, double Stack, double Ante, string Seat, DateTimeOffset DealtAt, TrainingDecision? Decision);

public sealed record TrainingDecision(
    string Choice, string Best, bool Correct, double EvLost, double EvAggressive, double EvFold, double EquilibriumFrequency, DateTimeOffset At);

/// <summary>The names the API uses for the enums of the training events.</summary>
public static class TrainingNames
{
    public static string Drill(Contracts.Training.Drill drill) => drill switch
    {
        Contracts.Training.Drill.StackRange => "stack-range",
        Contracts.Training.Drill.Leaks => "leaks",
        _ => "random",
    };

    public static Contracts.Training.Drill? ParseDrill(string? name) => name switch
    {
        "random" => Contracts.Training.Drill.Random,
        "stack-range" => Contracts.Training.Drill.StackRange,
        "leaks" => Contracts.Training.Drill.Leaks,
        _ => null,
    };

    public static string Seat(Contracts.Training.Seat seat) => seat == Contracts.Training.Seat.BigBlind ? "big-blind" : "small-blind";

    public static string Choice(Contracts.Training.Choice choice) => choice switch
    {
        Contracts.Training.Choice.Shove => "shove",
        Contracts.Training.Choice.Call => "call",
        _ => "fold",
    };

    public static Contracts.Training.Choice? ParseChoice(string? name) => name switch
    {
        "shove" => Contracts.Training.Choice.Shove,
        "call" => Contracts.Training.Choice.Call,
        "fold" => Contracts.Training.Choice.Fold,
        _ => null,
    };
}
