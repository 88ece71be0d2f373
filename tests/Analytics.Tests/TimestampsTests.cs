using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Hands;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace PokerTracker.Analytics.Tests;

/// <summary>The check both workers run on every event as they read it: a time anywhere inside that is not a time refuses it.</summary>
public sealed class TimestampsTests
{
    private static readonly Timestamp Now = Timestamp.FromDateTime(new DateTime(2026, 12, 4, 20, 0, 0, DateTimeKind.Utc));
    private static readonly Timestamp Impossible = new() { Seconds = 253_402_300_800 }; // 1 s past the year 9999

    [Fact]
    public void Events_whose_times_are_all_times_pass()
    {
        Assert.True(Timestamps.AllValid(new SessionEventEnvelope { OccurredAt = Now, StackUpdated = new StackUpdated { Amount = 31_500 } }));
        Assert.True(Timestamps.AllValid(new SessionEventEnvelope { OccurredAt = Now, SessionCorrected = new SessionCorrected { StartedAt = Now, EndedAt = Now } }));
        Assert.True(Timestamps.AllValid(new HandEventEnvelope { OccurredAt = Now, HandsImported = new HandsImported { Hands = { new ImportedHand { StartedAt = Now } } } }));
        Assert.True(Timestamps.AllValid(new SessionEventEnvelope()));
    }

    [Fact]
    public void An_impossible_time_is_found_at_the_top_in_a_payload_and_in_a_list()
    {
        Assert.False(Timestamps.AllValid(new SessionEventEnvelope { OccurredAt = Now, RecordedAt = Impossible }));
        Assert.False(Timestamps.AllValid(new SessionEventEnvelope { OccurredAt = Now, SessionCorrected = new SessionCorrected { StartedAt = Now, EndedAt = Impossible } }));
        Assert.False(Timestamps.AllValid(new SessionEventEnvelope { OccurredAt = Now, SessionEnded = new SessionEnded { EndedAt = new Timestamp { Seconds = 1, Nanos = -1 } } }));
        Assert.False(Timestamps.AllValid(new HandEventEnvelope
        {
            OccurredAt = Now,
            HandsImported = new HandsImported { Hands = { new ImportedHand { StartedAt = Now }, new ImportedHand { StartedAt = Impossible } } },
        }));
    }
}
