namespace PokerTracker.Tools.LoadGen;

/// <summary>Events produced straight to Kafka; time until Tilt.Worker has assessed every one.</summary>
public static class TiltThroughput
{
    public static async Task<(int Assessments, double Seconds, double ProducedAfter)> RunAsync(string bootstrap, string redisConnection, int sessions, int eventsEach)
    {
        var ids = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid().ToString()).ToList();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var watch = Stopwatch.StartNew();
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5 }).Build())
        {
            var start = DateTimeOffset.UtcNow.AddHours(-3);
            foreach (var id in ids)
            {
                for (var q = 1; q <= eventsEach; q++)
                {
                    var at = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(start.AddMinutes(q));
                    var e = new SessionEventEnvelope { EventId = Guid.NewGuid().ToString(), SessionId = id, UserId = "tilt-bench", Sequence = q, OccurredAt = at, RecordedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), SchemaVersion = 1 };
                    if (q == 1)
                    {
                        e.SessionStarted = new SessionStarted { Kind = SessionKind.Cash, Game = GameType.Nlhe, Format = PlayFormat.Live, Venue = "B", Currency = "USD", Stakes = new CashStakes { SmallBlind = 100, BigBlind = 200 }, StartedAt = at };
                    }
                    else if (q == 2)
                    {
                        e.BuyInAdded = new BuyInAdded { Kind = BuyInKind.Initial, Amount = 20_000 };
                    }
                    else
                    {
                        e.StackUpdated = new StackUpdated { Amount = 20_000 + (q % 7 - 3) * 1_000 };
                    }

                    producer.Produce(Topics.SessionEvents, new Message<string, byte[]> { Key = id, Value = e.ToByteArray() });
                }
            }

            producer.Flush();
        }

        var produced = watch.Elapsed.TotalSeconds;

        var db = redis.GetDatabase();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var values = await db.StringGetAsync(ids.Select(id => (RedisKey)$"pt:tilt:session:{id}:seq").ToArray());
            if (values.All(v => !v.IsNullOrEmpty && (long)v == eventsEach))
            {
                break;
            }

            await Task.Delay(50);
        }

        return (sessions * eventsEach, watch.Elapsed.TotalSeconds, produced);
    }
}
