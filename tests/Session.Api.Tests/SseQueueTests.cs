using PokerTracker.SessionApi.Live;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A slow client: stack updates coalesce to the latest, nothing else is dropped, order holds.</summary>
public sealed class SseQueueTests
{
    [Fact]
    public async Task Stack_updates_coalesce_per_session_while_other_events_are_all_kept_in_order()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var queue = new SseQueue();
        queue.Add(new LiveItem("1-0", a, 3, "StackUpdated", "{\"a\":1}"));
        queue.Add(new LiveItem("1-1", a, 4, "HandNoteAdded", "{}"));
        queue.Add(new LiveItem("1-2", b, 7, "StackUpdated", "{\"b\":1}"));
        queue.Add(new LiveItem("1-3", a, 5, "StackUpdated", "{\"a\":2}"));
        queue.Add(new LiveItem("1-4", a, 6, "StackUpdated", "{\"a\":3}"));
        queue.Add(new LiveItem("1-5", a, 7, "BuyInAdded", "{}"));

        await queue.WaitAsync();
        var taken = new List<LiveItem>();
        queue.TakeAll(taken);
        Assert.Equal(["1-1", "1-2", "1-4", "1-5"], taken.Select(i => i.FeedId));
        Assert.Equal(2, queue.Coalesced);
    }

    [Fact]
    public async Task The_reader_wakes_once_for_a_burst_and_waits_again_until_the_next_item_or_a_wake()
    {
        var queue = new SseQueue();
        var taken = new List<LiveItem>();
        var waiting = queue.WaitAsync();
        Assert.False(waiting.IsCompleted);

        queue.Add(new LiveItem("1-0", Guid.NewGuid(), 1, "HandNoteAdded", "{}"));
        queue.Add(new LiveItem("1-1", Guid.NewGuid(), 2, "HandNoteAdded", "{}"));
        await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        queue.TakeAll(taken);
        Assert.Equal(["1-0", "1-1"], taken.Select(i => i.FeedId));

        // Both items were taken by one wake: the next wait has nothing to return at once.
        waiting = queue.WaitAsync();
        Assert.False(waiting.IsCompleted);
        queue.Add(new LiveItem("1-2", Guid.NewGuid(), 3, "HandNoteAdded", "{}"));
        await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        taken.Clear();
        queue.TakeAll(taken);
        Assert.Equal(["1-2"], taken.Select(i => i.FeedId));

        // A heartbeat or a disconnect wakes the reader with nothing to take, whether it waits already or not.
        waiting = queue.WaitAsync();
        queue.Wake();
        await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        queue.Wake();
        Assert.True(queue.WaitAsync().IsCompletedSuccessfully);
        taken.Clear();
        queue.TakeAll(taken);
        Assert.Empty(taken);
        Assert.False(queue.WaitAsync().IsCompleted);
    }

    [Fact]
    public void An_items_frame_is_built_once_for_the_streams_that_send_it_under_the_same_id()
    {
        var item = new LiveItem("17-2", Guid.NewGuid(), 9, "StackUpdated", "{\"amount\":\"1€\"}");
        var first = item.FrameFor("17-2");
        Assert.Equal("id: 17-2\nevent: StackUpdated\ndata: {\"amount\":\"1€\"}\n\n", System.Text.Encoding.UTF8.GetString(first.Span));
        Assert.True(first.Equals(item.FrameFor("17-2"))); // the same bytes, not a copy
        Assert.Equal("id: 9\nevent: StackUpdated\ndata: {\"amount\":\"1€\"}\n\n", System.Text.Encoding.UTF8.GetString(item.FrameFor("9").Span)); // a session stream's id
        Assert.Equal("event: StackUpdated\ndata: {\"amount\":\"1€\"}\n\n", System.Text.Encoding.UTF8.GetString(item.FrameFor("").Span));
    }

    [Fact]
    public void A_client_too_far_behind_is_cut_off_rather_than_losing_events()
    {
        var queue = new SseQueue(capacity: 3);
        for (var i = 0; i < 4; i++)
        {
            queue.Add(new LiveItem($"1-{i}", Guid.NewGuid(), i, "HandNoteAdded", "{}"));
        }

        Assert.True(queue.Overflowed);
        Assert.True(queue.WaitAsync().IsCompletedSuccessfully); // the pump wakes and closes the stream
    }
}
