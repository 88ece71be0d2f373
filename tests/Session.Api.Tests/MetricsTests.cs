using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>The business metrics a developer reads on the dashboard, as a meter listener sees them.</summary>
[Collection(Engines.Collection)]
public sealed class MetricsTests(EnginesFixture engines)
{
    private sealed record Measurement(string Instrument, string? Unit, string? Description, double Value, Dictionary<string, object?> Tags);

    [Fact]
    public async Task Commands_outbox_depth_and_relay_lag_consumer_lag_statistics_cache_and_rate_limit_rejections_are_measured_with_units_and_descriptions()
    {
        var seen = new ConcurrentQueue<Measurement>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Contracts.Telemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument i, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            seen.Enqueue(new Measurement(i.Name, i.Unit, i.Description, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        // Three writes a second at most, a burst of three: a fast player is refused some.
        using var api = engines.CreateApi(("RateLimits:WritesPerSecond", "3"), ("RateLimits:WriteBurst", "3"));
        using var player = api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var refused = 0;
        for (var i = 0; i < 8; i++)
        {
            using var response = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/stack", new { amount = 20_000 + i });
            refused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        await player.GetAsync("/api/stats");
        await player.GetAsync("/api/stats");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !seen.Any(m => m.Instrument == "pokertracker.outbox.relay_lag"))
        {
            await Task.Delay(100);
        }

        Assert.True(refused > 0, "the write limit refused nothing");
        // The gauges: the outbox's depth (measured every few seconds by the relay) and the alert
        // relay's consumer lag (after each poll), read as the exporter would.
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !(seen.Any(m => m.Instrument == "pokertracker.outbox.depth") && seen.Any(m => m.Instrument == "pokertracker.kafka.consumer_lag")))
        {
            listener.RecordObservableInstruments();
            await Task.Delay(200);
        }

        var all = seen.ToList();
        Assert.Contains(all, m => m.Instrument == "pokertracker.outbox.depth" && m.Value >= 0);
        Assert.Contains(all, m => m.Instrument == "pokertracker.kafka.consumer_lag" && Equals(m.Tags["messaging.destination.name"], Contracts.Topics.TiltAlerts) && m.Value >= 0);
        Assert.Equal(refused, all.Where(m => m.Instrument == "pokertracker.ratelimit.rejections").Sum(m => m.Value));
        Assert.All(all.Where(m => m.Instrument == "pokertracker.ratelimit.rejections" && m.Value > 0), m => Assert.Equal("writes", m.Tags["policy"]));
        Assert.Equal(["auth", "refresh", "writes"], all.Where(m => m.Instrument == "pokertracker.ratelimit.rejections" && m.Value == 0).Select(m => (string)m.Tags["policy"]!).Distinct().Order());
        Assert.Contains(all, m => m.Instrument == "pokertracker.session.events" && Equals(m.Tags["type"], "SessionStarted"));
        Assert.Equal(8 - refused, all.Count(m => m.Instrument == "pokertracker.session.events" && Equals(m.Tags["type"], "StackUpdated")));
        Assert.Equal(["miss", "hit"], all.Where(m => m.Instrument == "pokertracker.statistics.cache").Select(m => (string)m.Tags["result"]!));
        var lag = all.First(m => m.Instrument == "pokertracker.outbox.relay_lag");
        Assert.InRange(lag.Value, 0, 10_000);
        Assert.All(all, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Description), $"{m.Instrument} has no description");
            Assert.False(string.IsNullOrWhiteSpace(m.Unit), $"{m.Instrument} has no unit");
        });
    }
}
