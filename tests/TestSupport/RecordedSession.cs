using System.Text.Json.Nodes;

namespace PokerTracker.TestSupport;

/// <summary>A session's answer as recorded: without the figures that follow the clock (time played, rates), which move without any request.</summary>
public static class RecordedSession
{
    public static string Of(JsonObject session)
    {
        var copy = session.DeepClone().AsObject();
        var totals = copy["totals"]!.AsObject();
        foreach (var byTheClock in new[] { "playingMinutes", "playingSeconds", "hourlyRate", "bigBlindsPerHour" })
        {
            totals.Remove(byTheClock);
        }

        return copy.ToJsonString();
    }
}
