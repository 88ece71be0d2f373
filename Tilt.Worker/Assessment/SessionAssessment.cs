using System.Diagnostics;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Tilt.Assessment;

/// <summary>
/// What happens after a session's events: guards checked, tilt assessed after each event, alerts
/// raised (with cool-downs). The events of one session that arrive together are handled in one
/// pass: the session's figures are read once and written once, every event is still assessed, every
/// alert still goes out, and only the latest assessment is published (an earlier one in the same
/// pass would be overwritten on the player's screen before it could be seen).
/// </summary>
public sealed class SessionAssessment(
    TiltStore store, TiltAssessor assessor, AlertPublisher publisher, TiltMetrics metrics, IOptions<TiltOptions> options, TimeProvider time)
{
    /// <summary>Events of one session, in their order.</summary>
    public async Task HandleAsync(IReadOnlyList<SessionEventEnvelope> events)
    {
        var first = events[0];
        var (figures, baseline, guards) = await store.LoadAsync(first.UserId, first.SessionId);
        var pass = new Pass();
        foreach (var e in events)
        {
            if (e.Sequence <= figures.LastSequence)
            {
                continue; // delivered before
            }

            // Events this worker never had (a broker that came back empty, figures that lapsed while the
            // session was left open for days): the figures are made again from the session's own log,
            // rather than the next event being added to figures that lack a rebuy or the session's start.
            if (e.Sequence != figures.LastSequence + 1 && await store.EventsBeforeAsync(e.SessionId, e.Sequence) is { } earlier)
            {
                figures = TiltSession.Of(earlier);
                metrics.Rebuilt();
                if (Running(figures))
                {
                    pass.Active = ActiveChange.Started; // back among the running sessions, whose time limits are swept
                }
            }

            Handle(e, figures, baseline, guards, pass);
        }

        if (pass.Last is not { } last)
        {
            return; // nothing new
        }

        // The alerts go out, and Kafka has them, before the figures that raised them are saved: a
        // failure or a crash in between handles the same events again, and raises the same alerts
        // under the same ids (one alert each to the player), never none.
        var sends = new List<Task>(pass.Alerts.Count);
        foreach (var (e, alert, cooldown) in pass.Alerts)
        {
            var id = AlertPublisher.AlertId(e.SessionId, e.Sequence, cooldown);
            if (await store.ClaimCooldownAsync(e.SessionId, cooldown, id))
            {
                sends.Add(publisher.AlertAsync(e, alert, id));
            }
        }

        await Task.WhenAll(sends);
        if (!await store.SaveAsync(last, figures, pass.Active))
        {
            return; // handled meanwhile (a redelivery racing this one)
        }

        if (pass.Baseline is { } result)
        {
            await store.SaveBaselineAsync(last.UserId, baseline.After(result));
        }

        if (pass.Latest is ({ } after, { } assessed))
        {
            await publisher.AssessedAsync(after, assessed);
        }
    }

    private void Handle(SessionEventEnvelope e, TiltSession figures, PlayerBaseline baseline, SessionGuards guards, Pass pass)
    {
        figures.Apply(e);
        pass.Last = e;
        pass.Active = e.PayloadCase switch
        {
            // A session from a file starts and ends long ago: it never joins the running ones, whose
            // time limits are swept between events (its end may reach the worker in a later pass).
            SessionEventEnvelope.PayloadOneofCase.SessionStarted => Running(figures) ? ActiveChange.Started : pass.Active,
            SessionEventEnvelope.PayloadOneofCase.SessionEnded or SessionEventEnvelope.PayloadOneofCase.SessionDiscarded => ActiveChange.Ended,
            _ => pass.Active,
        };
        if (e.PayloadCase is SessionEventEnvelope.PayloadOneofCase.SessionEnded or SessionEventEnvelope.PayloadOneofCase.SessionDiscarded
            or SessionEventEnvelope.PayloadOneofCase.SessionCorrected
            // Notes and expenses changed after the end are not play: nothing to assess or warn about.
            || figures.State.Status != SessionStatus.Active
            // Nor is a session imported from a file: its steps are recorded now, but were played long ago.
            || figures.State.Imported
            // Nor a session whose start these figures never had (an ended one, noted days later, whose log
            // and figures have both lapsed): its time and money are not known here.
            || figures.State.StartedAt == default
            || time.GetUtcNow() - e.RecordedAt.ToDateTimeOffset() > options.Value.MaxAlertAge)
        {
            if (e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.SessionEnded)
            {
                // The player's baseline learns from how the session ended against its first buy-in.
                var state = figures.State;
                var firstBuyIn = state.BuyIns.FirstOrDefault()?.Amount ?? (state.Tournament is { } t ? t.BuyIn + t.Fee : 0);
                pass.Baseline = firstBuyIn > 0 ? (double)state.NetResult / firstBuyIn : pass.Baseline;
            }

            return;
        }

        var watch = Stopwatch.StartNew();
        var features = figures.Features(baseline);
        var assessment = assessor.Assess(features, figures.State.IsCash);
        metrics.Duration(watch.Elapsed.TotalMicroseconds);
        var previous = figures.Level;
        figures.Level = assessment.Level;

        if (guards.Any)
        {
            foreach (var breach in GuardEvaluator.Check(figures, guards, e.OccurredAt.ToDateTimeOffset()))
            {
                pass.Alerts.Add((e, GuardAlert(breach), breach.Cooldown));
            }
        }

        var alerting = assessment.Level >= TiltLevel.Medium;
        var factors = alerting ? assessor.Factors(features, assessment, rebought: figures.RecentRebuys.Count > 0) : [];
        var assessed = new TiltAssessed { Score = assessment.Score, Level = assessment.Level, Source = assessment.Source };
        assessed.Factors.AddRange(factors);
        pass.Latest = (e, assessed);

        if (alerting && assessment.Level > previous)
        {
            var alert = new TiltAlertRaised
            {
                Kind = "tilt", Level = assessment.Level, Source = assessment.Source, Score = assessment.Score,
                Recommendation = TiltAssessor.Recommendation(assessment.Level),
            };
            alert.Reasons.AddRange(factors.Count > 0 ? factors.Select(f => f.Reason) : ["your recent play looks like tilt"]);
            pass.Alerts.Add((e, alert, "tilt-" + assessment.Level));
        }
    }

    /// <summary>
    /// The time limit needs checking between events too (money moves only with them). It is raised once in
    /// each stretch without events, when no alert of it was raised in the cool-down before: a player who
    /// walked away without ending the session is told once, not every cool-down until the figures lapse.
    /// </summary>
    public async Task SweepAsync(DateTimeOffset now)
    {
        foreach (var (user, session) in await store.ActiveAsync())
        {
            var (figures, _, guards) = await store.LoadAsync(user, session);
            if (figures.LastSequence == 0 || !Running(figures))
            {
                // Its figures lapsed (a session left open and no longer used): it leaves the running ones,
                // and comes back with its next event, its figures made again from its log. A session
                // from a file, or one that ended, is not running at all.
                await store.LeaveActiveAsync(user, session);
                continue;
            }

            if (guards.MaxDurationMinutes is null)
            {
                continue;
            }

            var e = new SessionEventEnvelope { SessionId = session, UserId = user, Sequence = figures.LastSequence };
            foreach (var breach in GuardEvaluator.Check(figures, guards, now).Where(b => b.Kind == GuardEvaluator.MaxDuration))
            {
                var (id, stretch) = (Guid.NewGuid().ToString(), $"swept:{breach.Cooldown}:{figures.LastSequence}");
                if (await store.InCooldownAsync(session, stretch) || !await store.ClaimCooldownAsync(session, breach.Cooldown, id))
                {
                    continue;
                }

                try
                {
                    if (await store.ClaimCooldownAsync(session, stretch, id, options.Value.SessionStateTtl))
                    {
                        await publisher.AlertAsync(e, GuardAlert(breach), id);
                    }
                }
                catch
                {
                    // Not sent: the cool-downs it started would hold the alert back. Given back, the next sweep sends it.
                    await store.ReleaseCooldownAsync(session, stretch, id);
                    await store.ReleaseCooldownAsync(session, breach.Cooldown, id);
                    throw;
                }
            }
        }
    }

    /// <summary>Played now and not ended: what the time limits are swept for.</summary>
    private static bool Running(TiltSession figures) => figures.State.Status == SessionStatus.Active && !figures.State.Imported;

    private static TiltAlertRaised GuardAlert(GuardBreach breach)
    {
        var alert = new TiltAlertRaised
        {
            Kind = breach.Kind, Level = TiltLevel.High, Source = AssessmentSource.Guard, Score = 1,
            Recommendation = breach.Kind == "stop-win" ? "Lock in your win: cash out now." : "Stop for today: this is the limit you set yourself.",
        };
        alert.Reasons.Add(breach.Reason);
        return alert;
    }

    /// <summary>What one pass over a session's events leaves to do once its figures are saved.</summary>
    private sealed class Pass
    {
        public SessionEventEnvelope? Last { get; set; }
        public ActiveChange Active { get; set; }
        public double? Baseline { get; set; }
        public (SessionEventEnvelope? After, TiltAssessed? Assessed) Latest { get; set; }
        public List<(SessionEventEnvelope Event, TiltAlertRaised Alert, string Cooldown)> Alerts { get; } = [];
    }
}
