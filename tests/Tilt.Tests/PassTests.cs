using Confluent.Kafka;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Sessions;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.Tilt.Assessment;
using PokerTracker.TestSupport;
using StackExchange.Redis;
using static PokerTracker.Tilt.Tests.TiltFeatureTests;

namespace PokerTracker.Tilt.Tests;

/// <summary>
/// A session's events that reach the worker together are handled in one pass (one read, one write
/// of its figures): the player gets exactly the alerts and the final assessment that one event at a
/// time would have given, against the real Redis and broker.
/// </summary>
[Collection(Engines.Collection)]
public sealed class PassTests(EnginesFixture engines)
{
    [Fact]
    public async Task Events_handled_together_give_the_same_figures_and_alerts_as_one_at_a_time_and_one_assessment()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        var assessment = worker.Services.GetRequiredService<SessionAssessment>();
        var publisher = worker.Services.GetRequiredService<AlertPublisher>();
        var store = worker.Services.GetRequiredService<TiltStore>();
        var user = "pass-" + Guid.NewGuid().ToString("N");
        // A stop-loss the chase breaks, and the chase itself: busted, a bigger rebuy at once, busted again, a bigger one.
        await worker.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .StringSetAsync(SessionGuards.UserKey(user), System.Text.Json.JsonSerializer.Serialize(new SessionGuards(StopLoss: 40_000), SessionStateJson.Options));
        var chase = Session((20, Stack(16_000)), (40, Stack(0)), (42, Rebuy(30_000)), (42, Stack(30_000)), (70, Stack(2_000)),
            (72, Rebuy(50_000)), (72, Stack(52_000)), (95, Stack(6_000)));
        var (oneByOne, together) = (Copy(chase, user), Copy(chase, user));

        foreach (var e in oneByOne)
        {
            await assessment.HandleAsync([e]);
        }

        await assessment.HandleAsync(together);
        await assessment.HandleAsync(together); // delivered again: nothing new
        await publisher.FlushAsync();

        var single = (await store.LoadAsync(user, oneByOne[0].SessionId)).Figures;
        var pass = (await store.LoadAsync(user, together[0].SessionId)).Figures;
        Assert.Equal(single.LastSequence, pass.LastSequence);
        Assert.Equal(single.Level, pass.Level);
        Assert.Equal(single.Features(PlayerBaseline.None), pass.Features(PlayerBaseline.None));

        var published = Read(engines, oneByOne[0].SessionId, together[0].SessionId);
        static string Alerts(IEnumerable<TiltEnvelope> envelopes) =>
            string.Join("; ", envelopes.Where(t => t.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert).Select(t => $"{t.Sequence} {t.Alert.Kind} {t.Alert.Level} {t.Alert.Score:F6}"));
        var singleAlerts = Alerts(published[oneByOne[0].SessionId]);
        Assert.Contains("stop-loss", singleAlerts);
        Assert.Contains("tilt", singleAlerts.Replace("stop-loss", "", StringComparison.Ordinal));
        Assert.Equal(singleAlerts, Alerts(published[together[0].SessionId]));

        var singleAssessed = published[oneByOne[0].SessionId].Where(t => t.PayloadCase == TiltEnvelope.PayloadOneofCase.Assessed).ToList();
        var passAssessed = Assert.Single(published[together[0].SessionId], t => t.PayloadCase == TiltEnvelope.PayloadOneofCase.Assessed);
        Assert.Equal(chase.Count, singleAssessed.Count); // one at a time, every event is assessed and published
        Assert.Equal(singleAssessed[^1].Sequence, passAssessed.Sequence);
        Assert.Equal(singleAssessed[^1].Assessed, passAssessed.Assessed);
        Assert.Contains(await store.ActiveAsync(), a => a.Session == together[0].SessionId);
    }

    [Fact]
    public async Task Alerts_of_events_whose_figures_were_never_saved_go_out_when_the_events_come_again_under_the_same_ids()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        var assessment = worker.Services.GetRequiredService<SessionAssessment>();
        var db = worker.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var user = "crash-" + Guid.NewGuid().ToString("N");
        await db.StringSetAsync(SessionGuards.UserKey(user), System.Text.Json.JsonSerializer.Serialize(new SessionGuards(StopLoss: 40_000), SessionStateJson.Options));
        var events = Copy(Session((20, Stack(16_000)), (40, Stack(0)), (42, Rebuy(30_000)), (42, Stack(0))), user);

        // The first handling raised its alerts; the worker died before the figures were kept (as if never saved).
        await assessment.HandleAsync(events);
        await db.KeyDeleteAsync(TiltKeys.State(events[0].SessionId));
        await assessment.HandleAsync(events);
        await worker.Services.GetRequiredService<AlertPublisher>().FlushAsync();

        var alerts = Read(engines, events[0].SessionId)[events[0].SessionId].Where(t => t.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert).ToList();
        var stopLoss = alerts.Where(t => t.Alert.Kind == "stop-loss").ToList();
        Assert.Equal(2, stopLoss.Count); // raised again by the second handling, not held back by its own cool-down
        Assert.Single(stopLoss.Select(t => t.Id).Distinct()); // under one id: one alert to the player
    }

    [Fact]
    public async Task A_cool_down_given_back_by_an_alert_that_could_not_be_sent_lets_the_next_check_send_it_and_only_its_own_is_given_back()
    {
        // The sweep of time limits claims a cool-down, then sends; when Kafka refuses, it gives the claim back.
        using var worker = new TiltWorkerFactory(engines).Start();
        var store = worker.Services.GetRequiredService<TiltStore>();
        var session = Guid.CreateVersion7().ToString();
        Assert.True(await store.ClaimCooldownAsync(session, "time-limit:60", "first"));
        Assert.False(await store.ClaimCooldownAsync(session, "time-limit:60", "second"));
        await store.ReleaseCooldownAsync(session, "time-limit:60", "second"); // not its own: nothing given back
        Assert.False(await store.ClaimCooldownAsync(session, "time-limit:60", "second"));
        await store.ReleaseCooldownAsync(session, "time-limit:60", "first");
        Assert.True(await store.ClaimCooldownAsync(session, "time-limit:60", "second"));
    }

    [Fact]
    public async Task Events_the_worker_never_had_are_read_from_the_sessions_log_before_the_next_one_is_added()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        var assessment = worker.Services.GetRequiredService<SessionAssessment>();
        var store = worker.Services.GetRequiredService<TiltStore>();
        var db = worker.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var user = "gap-" + Guid.NewGuid().ToString("N");
        var chase = Session((20, Stack(16_000)), (40, Stack(0)), (42, Rebuy(30_000)), (42, Stack(30_000)), (70, Stack(2_000)),
            (72, Rebuy(50_000)), (72, Stack(52_000)), (95, Stack(6_000)));
        var (whole, lost, lapsed) = (Copy(chase, user), Copy(chase, user), Copy(chase, user));
        foreach (var session in new[] { lost, lapsed })
        {
            // The session's log in the live store holds every event, as Session.Api writes it.
            await db.ListRightPushAsync(PokerTracker.SharedKernel.LiveStore.LiveStoreKeys.SessionLog(Guid.Parse(session[0].SessionId)),
                [.. session.Select(e => (RedisValue)Google.Protobuf.MessageExtensions.ToByteArray(e))]);
        }

        await assessment.HandleAsync(whole);
        // A broker that came back empty lost two events, a rebuy among them; the next ones arrive.
        await assessment.HandleAsync(lost[..2]);
        await assessment.HandleAsync(lost[4..]);
        // The figures lapsed while the session was left open for days; the next event arrives.
        await assessment.HandleAsync(lapsed[..6]);
        await db.KeyDeleteAsync([TiltKeys.State(lapsed[0].SessionId), TiltKeys.LastSequence(lapsed[0].SessionId)]);
        await assessment.HandleAsync(lapsed[6..]);

        var expected = (await store.LoadAsync(user, whole[0].SessionId)).Figures;
        foreach (var session in new[] { lost, lapsed })
        {
            var figures = (await store.LoadAsync(user, session[0].SessionId)).Figures;
            Assert.Equal((expected.LastSequence, expected.Start), (figures.LastSequence, figures.Start));
            Assert.Equal(expected.Features(PlayerBaseline.None), figures.Features(PlayerBaseline.None));
        }

        // A running session whose figures lapsed leaves the swept ones, and is back among them with its next event.
        var abandoned = Guid.CreateVersion7().ToString();
        await db.SortedSetAddAsync(TiltStore.ActiveSessions, $"{user}|{abandoned}", 1);
        await assessment.SweepAsync(DateTimeOffset.UtcNow);
        var running = await store.ActiveAsync();
        Assert.DoesNotContain(running, a => a.Session == abandoned);
        Assert.Contains(running, a => a.Session == lapsed[0].SessionId);
    }

    [Fact]
    public async Task Events_of_a_deleted_account_still_on_their_way_leave_nothing_behind()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        var db = worker.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var (gone, kept) = ("gone-" + Guid.NewGuid().ToString("N"), "kept-" + Guid.NewGuid().ToString("N"));
        await db.SetAddAsync(PokerTracker.Clients.Redis.DeletedAccounts.Tombstones, gone);
        var chase = Session((20, Stack(16_000)), (40, Stack(0)), (42, Rebuy(30_000)), (42, Stack(0)));
        var (theirs, others) = (Copy(chase, gone), Copy(chase, kept));
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = engines.Kafka.BootstrapServers }).Build())
        {
            foreach (var e in theirs.Concat(others))
            {
                await producer.ProduceAsync(Topics.SessionEvents, new Message<string, byte[]> { Key = e.SessionId, Value = Google.Protobuf.MessageExtensions.ToByteArray(e) });
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await db.KeyExistsAsync(TiltKeys.State(others[0].SessionId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the other player's events were not assessed");
            await Task.Delay(100);
        }

        await Task.Delay(1_000);
        Assert.False(await db.KeyExistsAsync(TiltKeys.State(theirs[0].SessionId)));
        Assert.False(await db.KeyExistsAsync(TiltKeys.Baseline(gone)));
        Assert.DoesNotContain(await worker.Services.GetRequiredService<TiltStore>().ActiveAsync(), a => a.User == gone);
    }

    [Fact]
    public async Task An_imported_session_whose_end_comes_in_a_later_pass_is_never_among_the_running_ones_the_time_limits_are_swept_for()
    {
        using var worker = new TiltWorkerFactory(engines).Start();
        var assessment = worker.Services.GetRequiredService<SessionAssessment>();
        var store = worker.Services.GetRequiredService<TiltStore>();
        var user = "imported-" + Guid.NewGuid().ToString("N");
        await worker.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StringSetAsync(SessionGuards.UserKey(user),
            System.Text.Json.JsonSerializer.Serialize(new SessionGuards(StopLoss: 15_000, MaxDurationMinutes: 240), SessionStateJson.Options));
        // Last year's ten-hour session from a file, $400 down: its start and its end reach the worker apart.
        var events = Copy(Session((600, Stack(0)), (600, Rebuy(20_000)), (600, Stack(0))), user);
        events[0].SessionStarted.Imported = true;

        await assessment.HandleAsync(events[..2]);
        Assert.DoesNotContain(await store.ActiveAsync(), a => a.Session == events[0].SessionId);
        await assessment.SweepAsync(DateTimeOffset.UtcNow);
        await assessment.HandleAsync(events[2..]);
        await assessment.SweepAsync(DateTimeOffset.UtcNow);
        await worker.Services.GetRequiredService<AlertPublisher>().FlushAsync();

        Assert.DoesNotContain(Read(engines, events[0].SessionId)[events[0].SessionId], t => t.PayloadCase == TiltEnvelope.PayloadOneofCase.Alert);
    }

    /// <summary>The same events for a new session of <paramref name="user"/>, recorded just now (so they are fresh enough to alert on).</summary>
    internal static List<SessionEventEnvelope> Copy(List<SessionEventEnvelope> events, string user)
    {
        var session = Guid.CreateVersion7().ToString();
        return events.Select(e =>
        {
            var copy = e.Clone();
            copy.SessionId = session;
            copy.UserId = user;
            copy.RecordedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
            return copy;
        }).ToList();
    }

    internal static Dictionary<string, List<TiltEnvelope>> Read(EnginesFixture engines, params string[] sessions)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = engines.Kafka.BootstrapServers, GroupId = "test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
        }).Build();
        // Every partition from its start, assigned: no group to join or leave (a join waits on the broker's coordinator).
        consumer.Assign(Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartitionOffset(Topics.TiltAlerts, p, Offset.Beginning)));
        var found = sessions.ToDictionary(s => s, _ => new List<TiltEnvelope>());
        var quiet = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < quiet)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message && found.TryGetValue(message.Message.Key, out var list))
            {
                list.Add(TiltEnvelope.Parser.ParseFrom(message.Message.Value));
                quiet = DateTime.UtcNow.AddSeconds(1); // the rest follows closely; stop a second after the last
            }
        }

        consumer.Close();
        return found;
    }

    [Fact]
    public void An_alert_after_a_note_edited_later_is_placed_when_the_edit_was_made_not_at_the_note()
    {
        var (written, edited) = (new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero));
        SessionEventEnvelope Event(Action<SessionEventEnvelope> set)
        {
            var e = new SessionEventEnvelope { OccurredAt = Timestamp.FromDateTimeOffset(written), RecordedAt = Timestamp.FromDateTimeOffset(edited) };
            set(e);
            return e;
        }

        Assert.Equal(edited, AlertPublisher.AtTheTable(Event(e => e.HandNoteEdited = new HandNoteEdited { NoteSequence = 3, Text = "tilted" })).ToDateTimeOffset());
        Assert.Equal(edited, AlertPublisher.AtTheTable(Event(e => e.HandNoteDeleted = new HandNoteDeleted { NoteSequence = 3 })).ToDateTimeOffset());
        // An entry sent late keeps its own time at the table.
        Assert.Equal(written, AlertPublisher.AtTheTable(Event(e => e.StackUpdated = new StackUpdated { Amount = 100 })).ToDateTimeOffset());
    }
}
