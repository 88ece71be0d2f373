namespace PokerTracker.SessionApi.Live;

/// <summary>
/// One message for live streams: its position in the player's feed (a Redis stream id), the
/// session and sequence it belongs to (none for alerts), its SSE event name and JSON.
/// </summary>
public sealed record LiveItem(string FeedId, Guid? SessionId, long Sequence, string Type, string Json)
{
    private Frame? _frame;

    public bool Coalescable => Type == "StackUpdated";

    /// <summary>
    /// The SSE frame (UTF-8) that sends this item under <paramref name="id"/>. Built once and shared by
    /// the player's streams that send it under the same id (a player can have several open, and each
    /// gets every item), instead of being formatted and encoded again for each.
    /// </summary>
    public ReadOnlyMemory<byte> FrameFor(string id)
    {
        if (Volatile.Read(ref _frame) is { } frame && frame.Id == id)
        {
            return frame.Bytes;
        }

        var built = new Frame(id, SseFrames.Build(id, Type, Json));
        Volatile.Write(ref _frame, built);
        return built.Bytes;
    }

    private sealed record Frame(string Id, byte[] Bytes);

    /// <summary>Feed ids are "milliseconds-counter"; compares them as numbers.</summary>
    public static int CompareFeedIds(string a, string b)
    {
        var (am, ac) = Split(a);
        var (bm, bc) = Split(b);
        return am != bm ? am.CompareTo(bm) : ac.CompareTo(bc);
    }

    public static bool IsFeedId(string? value) => value is not null && TrySplit(value, out _, out _);

    private static (long, long) Split(string id) => TrySplit(id, out var ms, out var counter) ? (ms, counter) : (0, 0);

    /// <summary>Strictly "digits-digits", as Redis stream ids are: no signs, spaces or other characters.</summary>
    private static bool TrySplit(string id, out long ms, out long counter)
    {
        var dash = id.IndexOf('-');
        counter = 0;
        ms = 0;
        return dash is > 0 and <= 19 && id.Length - dash - 1 is > 0 and <= 19
            && !id.AsSpan(0, dash).ContainsAnyExceptInRange('0', '9')
            && !id.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9')
            && long.TryParse(id.AsSpan(0, dash), System.Globalization.NumberStyles.None, null, out ms)
            && long.TryParse(id.AsSpan(dash + 1), System.Globalization.NumberStyles.None, null, out counter);
    }
}

/// <summary>Server-sent event frames: "id: …\nevent: …\ndata: …\n\n", without the id line when there is none.</summary>
public static class SseFrames
{
    public static byte[] Build(string id, string type, string json) =>
        System.Text.Encoding.UTF8.GetBytes(id.Length == 0 ? $"event: {type}\ndata: {json}\n\n" : $"id: {id}\nevent: {type}\ndata: {json}\n\n");
}
