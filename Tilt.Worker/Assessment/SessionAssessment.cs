using System.Diagnostics;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Tilt.Assessment;

/// <summary>What happens after one session event: guards checked, tilt assessed, alerts raised (with cool-downs).</summary>
public sealed class SessionAssessment(
    TiltStore store, TiltAssessor assessor, AlertPublisher publisher, TiltMetrics metrics, IOptions<TiltOptions> options, TimeProvider time)
{
    public async Task HandleAsync(SessionEventEnvelope e)
    {
        var (figures, baseline, guards) = await store.LoadAsync(e.UserId, e.SessionId);
        if (e.Sequence <= figures.LastSequence)
        {
            return; // delivered before
        }

        figures.Apply(e);
        if (e.PayloadCase is SessionEventEnvelope.PayloadOneofCase.SessionEnded or SessionEventEnvelope.PayloadOneofCase.SessionDiscarded
            or SessionEventEnvelope.PayloadOneofCase.SessionCorrected
            || time.GetUtcNow() - e.RecordedAt.ToDateTimeOffset() > options.Value.MaxAlertAge)
        {
            if (await store.SaveAsync(e, figures) && e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.SessionEnded)
            {
                var state = figures.State;
                var firstBuyIn = state.BuyIns.FirstOrDefault()?.Amount ?? (state.Tournament is { } t ? t.BuyIn + t.Fee : 0);
                if (firstBuyIn > 0)
                {
                    await store.SaveBaselineAsync(e.UserId, baseline.After((double)state.NetResult / firstBuyIn));
                }
            }

            return;
        }

        var watch = Stopwatch.StartNew();
        var features = figures.Features(baseline);
        var assessment = assessor.Assess(features);
        metrics.Duration(watch.Elapsed.TotalMicroseconds);
        var previous = figures.Level;
        figures.Level = assessment.Level;
        if (!await store.SaveAsync(e, figures))
        {
            return; // handled meanwhile (a redelivery racing this one)
        }

        await CheckGuardsAsync(e, figures, guards, e.OccurredAt.ToDateTimeOffset());

        var alerting = assessment.Level >= TiltLevel.Medium;
        var factors = alerting ? assessor.Factors(features, assessment) : [];
        var assessed = new TiltAssessed { Score = assessment.Score, Level = assessment.Level, Source = assessment.Source };
        assessed.Factors.AddRange(factors);
        await publisher.AssessedAsync(e, assessed);

        if (alerting && assessment.Level > previous && await store.TryStartCooldownAsync(e.SessionId, "tilt-" + assessment.Level))
        {
            var alert = new TiltAlertRaised
            {
                Kind = "tilt", Level = assessment.Level, Source = assessment.Source, Score = assessment.Score,
                Recommendation = TiltAssessor.Recommendation(assessment.Level),
            };
            alert.Reasons.AddRange(factors.Count > 0 ? factors.Select(f => f.Reason) : ["your recent play looks like tilt"]);
            await publisher.AlertAsync(e, alert);
        }
    }

    /// <summary>Guards by time alone (max duration) need checking between events too.</summary>
    public async Task SweepAsync(DateTimeOffset now)
    {
        foreach (var (user, session) in await store.ActiveAsync())
        {
            var (figures, _, guards) = await store.LoadAsync(user, session);
            if (figures.LastSequence > 0)
            {
                await CheckGuardsAsync(new SessionEventEnvelope { SessionId = session, UserId = user, Sequence = figures.LastSequence }, figures, guards, now);
            }
        }
    }

    private async Task CheckGuardsAsync(SessionEventEnvelope e, TiltSession figures, SessionGuards guards, DateTimeOffset now)
    {
        if (!guards.Any)
        {
            return;
        }

        foreach (var breach in GuardEvaluator.Check(figures, guards, now))
        {
            if (await store.TryStartCooldownAsync(e.SessionId, breach.Kind))
            {
                var alert = new TiltAlertRaised
                {
                    Kind = breach.Kind, Level = TiltLevel.High, Source = AssessmentSource.Guard, Score = 1,
                    Recommendation = breach.Kind == "stop-win" ? "Lock in your win: cash out now." : "Stop for today: this is the limit you set yourself.",
                };
                alert.Reasons.Add(breach.Reason);
                await publisher.AlertAsync(e, alert);
            }
        }
    }
}
