using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Hands;
using PokerTracker.TestSupport;

namespace PokerTracker.Analytics.Tests;

/// <summary>A message that cannot be stored is set aside with the reason; the worker, and everybody's messages behind it, go on.</summary>
[Collection(Engines.Collection)]
public sealed class DeadLetterTests(EnginesFixture engines) : IDisposable
{
    private readonly ApiFactory _api = engines.SharedApi;
    private readonly AnalyticsWorkerFactory _worker = engines.StartWorker();

    public void Dispose() => _worker.Dispose();

    [Fact]
    public async Task A_hand_event_that_cannot_be_stored_goes_to_its_dead_letter_topic_and_the_hands_behind_it_are_stored()
    {
        using var player = _api.NewPlayer();

        // Well formed, but its hand's time is past what a date can hold: storing it threw, and that stopped the
        // worker (no session, hand or training event of anybody was stored any more). It is refused as it is read.
        var poisoned = new HandEventEnvelope
        {
            EventId = Guid.NewGuid().ToString(), ImportId = Guid.NewGuid().ToString(), UserId = player.UserId, SchemaVersion = 1,
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
            HandsImported = new HandsImported { Hands = { new ImportedHand { Site = "PokerStars", HandId = "1", StartedAt = new Timestamp { Seconds = long.MaxValue / 2 } } } },
        };
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = engines.Kafka.BootstrapServers }).Build())
        {
            // The player's key: the same partition as the hands they import next.
            await producer.ProduceAsync(Topics.HandEvents, new Message<string, byte[]> { Key = player.UserId, Value = poisoned.ToByteArray() });
        }

        var body = Encoding.UTF8.GetBytes(string.Join("\n\n\n", Enumerable.Range(0, 3).Select(i => SampleHands.Walk(9_100_000 + i, new DateTime(2024, 5, 1, 20, i, 0), "Table 1"))));
        using (var content = new ByteArrayContent(body))
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            using var response = await player.Http.PostAsync("/api/hands/import", content);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await Pipeline.WaitForCountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Hands} FINAL WHERE user_id = '{player.UserId}'", 3, TimeSpan.FromSeconds(45));

        var set = Assert.Single(KafkaReader.Read(engines.Kafka.BootstrapServers, Topics.HandEventsDeadLetter, player.UserId, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(poisoned.ToByteArray(), set.Message.Value);
        Assert.Equal("a hand without a possible start time", Encoding.UTF8.GetString(set.Message.Headers.GetLastBytes("dlq-reason")));
        Assert.Equal(Topics.HandEvents, Encoding.UTF8.GetString(set.Message.Headers.GetLastBytes("source-topic")));
    }

    [Fact]
    public async Task A_session_event_with_an_impossible_time_inside_goes_to_its_dead_letter_topic_and_the_sessions_behind_it_are_stored()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();

        // Well formed, its own times fine, but the start it corrects is past what a date can hold: folding it
        // into the session threw, and the batch was tried again and again (nothing behind it was stored).
        var now = Timestamp.FromDateTime(DateTime.UtcNow);
        var poisoned = new SessionEventEnvelope
        {
            EventId = Guid.NewGuid().ToString(), SessionId = Guid.NewGuid().ToString(), UserId = player.UserId, Sequence = 1, SchemaVersion = 1,
            OccurredAt = now, RecordedAt = now,
            SessionCorrected = new SessionCorrected { Reason = "typo", StartedAt = new Timestamp { Seconds = long.MaxValue / 2 } },
        };
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = engines.Kafka.BootstrapServers }).Build())
        {
            // The real session's key: the same partition as its end, which comes next.
            await producer.ProduceAsync(Topics.SessionEvents, new Message<string, byte[]> { Key = id, Value = poisoned.ToByteArray() });
        }

        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 26_000 });
        await Pipeline.WaitForCountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Sessions} FINAL WHERE user_id = '{player.UserId}' AND status = 'ended'", 1, TimeSpan.FromSeconds(45));

        var set = Assert.Single(KafkaReader.Read(engines.Kafka.BootstrapServers, Topics.SessionEventsDeadLetter, id, 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(poisoned.ToByteArray(), set.Message.Value);
        Assert.Equal("missing or impossible timestamps", Encoding.UTF8.GetString(set.Message.Headers.GetLastBytes("dlq-reason")));
        // Nor is it stored: a session rebuilt from its stored events would meet it again.
        Assert.Equal(0, await Pipeline.CountAsync(engines, $"SELECT count() FROM {AnalyticsTables.Events} WHERE session_id = '{poisoned.SessionId}'"));
    }
}
