using Microsoft.Extensions.DependencyInjection;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Sessions;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.Tilt.Assessment;
using PokerTracker.TestSupport;
using StackExchange.Redis;
using static PokerTracker.Tilt.Tests.TiltFeatureTests;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace PokerTracker.Tilt.Tests;

/// <summary>Limits between events: the time limit is told once while the player is away, and nothing is told about a session the worker cannot see whole.</summary>
[Collection(Engines.Collection)]
public sealed class GuardSweepTests(EnginesFixture engines)
{
    [Fact]
    public async Task A_session_left_past_its_limits_is_told_the_time_limit_once_not_every_cool_down()
    {
        // A cool-down of a second: each sweep below comes after the last one ran out.
        using var worker = new TiltWorkerFactory(engines, null, ("Tilt:AlertCooldown", "00:00:01")).Start();
        var assessment = worker.Services.GetRequiredService<SessionAssessment>();
        var user = "away-" + Guid.NewGuid().ToString("N");
        await GuardsAsync(worker, user, new SessionGuards(StopLoss: 10_000, MaxDurationMinutes: 60));
        // $160 down after 95 minutes, past both limits; then nothing more is logged (the player went home).
        var events = PassTests.Copy(Session((20, Stack(5_000)), (95, Stack(4_000))), user);

        await assessment.HandleAsync(events);
        for (var sweep = 0; sweep < 4; sweep++)
        {
            await Task.Delay(1_200);
            await assessment.SweepAsync(DateTimeOffset.UtcNow);
        }

        await worker.Services.GetRequiredService<AlertPublisher>().FlushAsync();
        var alerts = PassTests.Read(engines, events[0].SessionId)[events[0].SessionId]
            .Where(t => t.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert).GroupBy(t => t.Alert.Kind).ToDictionary(g => g.Key, g => g.Count());
        // The stop-loss once, as it was reached; the time limit as it was reached and once more while away.
        Assert.Equal(new Dictionary<string, int> { ["stop-loss"] = 1, [GuardEvaluator.MaxDuration] = 2 }, alerts);
    }

    [Fact]
    public async Task A_note_and_a_tip_added_days_after_a_session_whose_figures_and_log_lapsed_raise_no_alert()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        var user = "late-" + Guid.NewGuid().ToString("N");
        await GuardsAsync(worker, user, new SessionGuards(StopLoss: 1, MaxDurationMinutes: 240));
        var (session, now) = (Guid.CreateVersion7().ToString(), Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow));
        SessionEventEnvelope Later(long sequence, Action<SessionEventEnvelope> set)
        {
            var e = new SessionEventEnvelope { EventId = Guid.NewGuid().ToString(), SessionId = session, UserId = user, Sequence = sequence, OccurredAt = now, RecordedAt = now, SchemaVersion = 1 };
            set(e);
            return e;
        }

        // The session's events 1 to 11 are gone from the worker and from its log; these two are all it gets.
        await worker.Services.GetRequiredService<SessionAssessment>().HandleAsync([
            Later(12, e => e.HandNoteAdded = new HandNoteAdded { Text = "the river call was bad" }),
            Later(13, e => e.ExpenseAdded = new ExpenseAdded { Kind = ExpenseKind.Tips, Amount = 500 })]);
        await worker.Services.GetRequiredService<AlertPublisher>().FlushAsync();

        Assert.DoesNotContain(PassTests.Read(engines, session)[session], t => t.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert);
    }

    private static Task GuardsAsync(TiltWorkerFactory worker, string user, SessionGuards guards) =>
        worker.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .StringSetAsync(SessionGuards.UserKey(user), System.Text.Json.JsonSerializer.Serialize(guards, SessionStateJson.Options));
}
