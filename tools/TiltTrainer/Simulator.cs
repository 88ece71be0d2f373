using Google.Protobuf.WellKnownTypes;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Tilt;

namespace PokerTracker.Tools.TiltTrainer;

/// <summary>A simulated player's lasting traits.</summary>
public sealed record SimPlayer(int Id, double WinRateBbPerHour, double RebuyWillingness, double BreaksPerHour, double PlannedHours, int StartHour, double TiltProneness);

/// <summary>One labelled moment: the session's events up to here, and whether the player was on tilt then.</summary>
public sealed record LabelledPoint(int PlayerId, IReadOnlyList<SessionEventEnvelope> Events, PlayerBaseline Baseline, bool Tilted);

/// <summary>
/// Live cash sessions in 10-minute steps with a hidden tilt state. Assumptions (see the model
/// card for sources): tilt is switched on by a bad beat, a deep loss in the session, a run of
/// losing sessions, or fatigue late at night, more readily in tilt-prone players; while on tilt a
/// player chases losses (rebuys sooner and more often, mostly with bigger buy-ins, sometimes with the
/// same), plays looser (worse expectation, bigger swings), takes fewer breaks and stays longer.
/// Everything is seeded.
/// </summary>
public sealed class Simulator(int seed)
{
    private const long BigBlind = 200;
    private const long BuyIn = 100 * BigBlind;
    private readonly Random _random = new(seed);

    public SimPlayer NewPlayer(int id) => new(
        id,
        WinRateBbPerHour: Normal(1.5, 6),
        RebuyWillingness: 0.3 + _random.NextDouble() * 0.5,
        BreaksPerHour: 0.15 + _random.NextDouble() * 0.35,
        PlannedHours: 3 + _random.NextDouble() * 4,
        StartHour: 17 + _random.Next(0, 6),
        TiltProneness: Math.Pow(_random.NextDouble(), 1.5));

    /// <summary>A player's sessions, one after another, with the moments to learn from.</summary>
    public IEnumerable<LabelledPoint> Play(SimPlayer p, int sessions)
    {
        var baseline = PlayerBaseline.None;
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(_random.Next(0, 60));
        for (var s = 0; s < sessions; s++)
        {
            day = day.AddDays(1 + _random.Next(0, 4));
            var (points, net) = Session(p, baseline, day.AddHours(p.StartHour + _random.NextDouble() * 2));
            foreach (var point in points)
            {
                yield return point;
            }

            baseline = baseline.After(net);
        }
    }

    private (List<LabelledPoint> Points, double NetInBuyIns) Session(SimPlayer p, PlayerBaseline baseline, DateTimeOffset start)
    {
        var events = new List<SessionEventEnvelope>();
        var points = new List<LabelledPoint>();
        var id = NewId();
        var tilted = false;
        long invested = BuyIn, stack = BuyIn, lastBuyIn = BuyIn;
        var badBeatAt = DateTimeOffset.MinValue;
        var breakUntil = DateTimeOffset.MinValue;
        var extension = 1.0;
        var now = start;

        void Emit(DateTimeOffset at, Action<SessionEventEnvelope> set)
        {
            var e = new SessionEventEnvelope
            {
                EventId = NewId(), SessionId = id, UserId = $"sim-{p.Id}", Sequence = events.Count + 1,
                OccurredAt = Timestamp.FromDateTimeOffset(at), RecordedAt = Timestamp.FromDateTimeOffset(at), SchemaVersion = 1,
            };
            set(e);
            events.Add(e);
            points.Add(new LabelledPoint(p.Id, events.ToList(), baseline, tilted));
        }

        Emit(now, e => e.SessionStarted = new SessionStarted
        {
            Kind = SessionKind.Cash, Game = GameType.Nlhe, Format = PlayFormat.Live, Venue = "Sim", Currency = "USD",
            Stakes = new CashStakes { SmallBlind = BigBlind / 2, BigBlind = BigBlind }, StartedAt = Timestamp.FromDateTimeOffset(now),
        });
        Emit(now, e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Initial, Amount = BuyIn });

        for (var step = 1; step <= 72; step++) // at most 12 hours
        {
            now = start.AddMinutes(10 * step);
            var hours = (now - start).TotalHours;
            var down = (double)(invested - stack) / BuyIn;

            // The hidden state: triggers raise the chance of tipping into tilt; time (and breaks) bring the player back.
            var hazard = 0.004
                + (now - badBeatAt < TimeSpan.FromMinutes(30) ? 0.30 : 0)
                + (down >= 1.5 ? 0.15 : 0)
                + (baseline.LosingStreak >= 3 ? 0.06 : 0)
                + (now.Hour is >= 1 and < 6 && hours >= 5 ? 0.12 : 0);
            if (!tilted && _random.NextDouble() < hazard * (0.3 + 1.4 * p.TiltProneness))
            {
                tilted = true;
                extension = 1.5 + _random.NextDouble();
            }
            else if (tilted && _random.NextDouble() < (now < breakUntil ? 0.5 : 0.07))
            {
                tilted = false;
            }

            if (now < breakUntil)
            {
                continue;
            }

            // Play ten minutes: tilt costs expectation and widens the swings.
            var mean = (p.WinRateBbPerHour - (tilted ? 30 : 0)) / 6 * BigBlind;
            var sd = 32.0 * BigBlind * (tilted ? 1.6 : 1.0);
            var change = Normal(mean, sd);
            if (_random.NextDouble() < 0.025)
            {
                change -= stack * (0.6 + 0.4 * _random.NextDouble()); // a bad beat
                badBeatAt = now;
            }

            stack = Math.Max(0, stack + (long)change);
            if (stack == 0)
            {
                // Busted: chase (tilted: almost always, right away, bigger) or go home.
                var rebuy = tilted ? 0.9 : p.RebuyWillingness * 0.6;
                if (_random.NextDouble() >= rebuy || invested >= 12 * BuyIn)
                {
                    Emit(now, e => e.StackUpdated = new StackUpdated { Amount = 0 });
                    break;
                }

                // Chasing is rebuying sooner and more often; most chasers also escalate, some rebuy the same amount.
                var escalates = tilted && _random.NextDouble() < 0.6;
                var amount = escalates ? (long)Math.Min(4 * BuyIn, lastBuyIn * (1.3 + 0.7 * _random.NextDouble())) : BuyIn;
                var at = now.AddMinutes(tilted ? _random.Next(1, 5) : _random.Next(5, 10));
                Emit(at, e => e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Rebuy, Amount = amount });
                invested += amount;
                lastBuyIn = amount;
                stack = amount;
                Emit(at.AddSeconds(30), e => e.StackUpdated = new StackUpdated { Amount = stack });
                continue;
            }

            if (_random.NextDouble() < (tilted ? 0.5 : 0.3))
            {
                var reported = stack;
                Emit(now, e => e.StackUpdated = new StackUpdated { Amount = reported });
            }

            if (_random.NextDouble() < p.BreaksPerHour / 6 * (tilted ? 0.3 : 1))
            {
                Emit(now, e => e.BreakStarted = new BreakStarted());
                breakUntil = now.AddMinutes(15);
                Emit(breakUntil, e => e.BreakEnded = new BreakEnded());
            }

            if (hours >= p.PlannedHours * (tilted ? extension : 1) && _random.NextDouble() < 0.5)
            {
                break;
            }
        }

        var final = stack;
        Emit(now.AddMinutes(1), e => e.SessionEnded = new SessionEnded { CashOut = final, EndedAt = Timestamp.FromDateTimeOffset(now.AddMinutes(1)) });
        return (points, (double)(stack - invested) / BuyIn);
    }

    private string NewId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private double Normal(double mean, double sd)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
