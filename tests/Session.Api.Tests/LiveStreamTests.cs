using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Server-sent events: live delivery, resume without gaps, and two replicas.</summary>
[Collection(Engines.Collection)]
public sealed class LiveStreamTests(EnginesFixture engines) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ApiFactory _api = engines.CreateApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_stack_update_reaches_the_session_stream_and_the_player_stream_live()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await using var session = await SseReader.OpenAsync(player.Http, $"/api/sessions/{id}/events");
        await using var mine = await SseReader.OpenAsync(player.Http, "/api/me/events");
        Assert.Equal("text/event-stream", session.Response.Content.Headers.ContentType?.MediaType);

        var watch = Stopwatch.StartNew();
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 23_400 });
        var live = await session.NextAsync(Wait);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal("StackUpdated", live.Event);
        Assert.Equal("3", live.Id);
        var data = JsonNode.Parse(live.Data)!;
        Assert.Equal(23_400, data["payload"]!["amount"]!.GetValue<long>());
        Assert.Equal(23_400, data["totals"]!["currentStack"]!.GetValue<long>());

        var feed = await mine.NextAsync(Wait);
        Assert.Equal("StackUpdated", feed.Event);
        Assert.Matches(@"^\d+-\d+$", feed.Id);
    }

    [Fact]
    public async Task A_deleted_accounts_open_streams_end_within_a_heartbeat()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await using var mine = await SseReader.OpenAsync(player.Http, "/api/me/events");
        await using var session = await SseReader.OpenAsync(player.Http, $"/api/sessions/{id}/events");
        Assert.Equal(HttpStatusCode.OK, mine.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, session.Response.StatusCode);

        using var deleted = await player.Http.SendAsync(
            new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = System.Net.Http.Json.JsonContent.Create(new { password = "correct horse battery" }) });
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(mine.Ended, session.Ended).WaitAsync(TimeSpan.FromSeconds(40)); // the renewal every 15 s asks
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Streams_end_when_the_live_subscription_breaks_and_the_reconnect_reads_what_was_missed()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        await using var mine = await SseReader.OpenAsync(player.Http, "/api/me/events");
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 19_000 });
        var seen = await mine.NextAsync(Wait);

        // Redis drops the replica's subscription (a blip, or an output buffer over its limit): what is published
        // until it is back is never delivered again, so every stream on the replica ends.
        await using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString))
        {
            await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        }

        await mine.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 18_000 });
        await using var again = await SseReader.OpenAsync(player.Http, "/api/me/events", lastEventId: seen.Id);
        Assert.Contains("18000", (await again.NextAsync(Wait)).Data, StringComparison.Ordinal);
        await Task.Delay(3000);
        await using var later = await SseReader.OpenAsync(player.Http, "/api/me/events");
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 17_500 });
        Assert.Contains("17500", (await later.NextAsync(Wait)).Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_opened_while_the_live_subscription_is_down_misses_nothing_published_meanwhile()
    {
        // A replica whose way to Redis lets no new connection through for a while: its subscription,
        // once dropped, cannot come back, while its other connection carries on.
        using var gate = new TcpGate(engines.Redis.Port);
        using var behind = engines.CreateApi(("ConnectionStrings:redis", $"127.0.0.1:{gate.Port},password={engines.Redis.Password}"));
        using var player = _api.NewPlayer();
        using var there = player.On(behind);
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        string lastId;
        await using (var first = await SseReader.OpenAsync(there.Http, "/api/me/events"))
        {
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 19_000 });
            lastId = (await first.NextAsync(Wait)).Id;
            gate.Shut();
            await using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString))
            {
                await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
            }

            await first.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        }

        // The phone comes back while the replica still hears nothing, and a rebuy is logged on another device.
        var opening = SseReader.OpenAsync(there.Http, "/api/me/events", lastId);
        await Task.Delay(500);
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 18_000 });
        gate.Open();

        // Whatever that stream brings, and, if it ends, what its client reads on coming back from the
        // last id it had, holds the update made while the replica heard nothing.
        var amounts = new List<long>();
        var stream = await opening.WaitAsync(TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();
        for (var posted = 17_000L; !amounts.Contains(posted + 100); posted -= 100)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"the stream brought {string.Join(", ", amounts)}");
            if (stream.Ended.IsCompleted)
            {
                await stream.DisposeAsync();
                stream = await SseReader.OpenAsync(there.Http, "/api/me/events", lastId);
            }

            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = posted });
            foreach (var e in await stream.DrainAsync(TimeSpan.FromSeconds(1)))
            {
                lastId = e.Id;
                amounts.Add(JsonNode.Parse(e.Data)!["payload"]!["amount"]!.GetValue<long>());
            }
        }

        await stream.DisposeAsync();
        Assert.Equal(18_000, amounts[0]);
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_resumes_without_gaps_or_repeats()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        string lastSession, lastFeed;
        await using (var session = await SseReader.OpenAsync(player.Http, $"/api/sessions/{id}/events"))
        await using (var feed = await SseReader.OpenAsync(player.Http, "/api/me/events"))
        {
            await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "first" });
            lastSession = (await session.NextAsync(Wait)).Id;
            lastFeed = (await feed.NextAsync(Wait)).Id;
        }

        // While disconnected (the casino Wi-Fi dropped):
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 1 });
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 2 });
        await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = "second" });

        await using var resumed = await SseReader.OpenAsync(player.Http, $"/api/sessions/{id}/events", lastSession);
        var missed = await resumed.TakeAsync(3, Wait);
        Assert.Equal(["4", "5", "6"], missed.Select(e => e.Id));
        Assert.Equal(["StackUpdated", "StackUpdated", "HandNoteAdded"], missed.Select(e => e.Event));
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 3 });
        Assert.Equal("7", (await resumed.NextAsync(Wait)).Id);
        Assert.Empty(await resumed.DrainAsync(TimeSpan.FromMilliseconds(500)));

        await using var feedResumed = await SseReader.OpenAsync(player.Http, "/api/me/events", lastFeed);
        var feedMissed = await feedResumed.TakeAsync(4, Wait);
        Assert.Equal(["4", "5", "6", "7"], feedMissed.Select(e => JsonNode.Parse(e.Data)!["sequence"]!.ToString()));
    }

    [Fact]
    public async Task An_update_posted_to_one_replica_reaches_a_stream_held_by_the_other()
    {
        using var replicaB = engines.CreateApi();
        using var onA = _api.NewPlayer();
        using var onB = onA.On(replicaB);
        var id = (await onA.StartCashAsync())["id"]!.GetValue<string>();
        await using var stream = await SseReader.OpenAsync(onB.Http, $"/api/sessions/{id}/events");
        await onA.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 31_000 });
        var received = await stream.NextAsync(Wait);
        Assert.Equal("StackUpdated", received.Event);
        Assert.Equal(31_000, JsonNode.Parse(received.Data)!["payload"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_replica_hears_a_players_changes_only_while_it_holds_one_of_their_streams()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var channel = StackExchange.Redis.RedisChannel.Literal($"pt:live:{player.UserId}");
        async Task<long> Listeners() => (long)(await server.ExecuteAsync("PUBSUB", "NUMSUB", channel.ToString()))[1];

        Assert.Equal(0, await Listeners());
        var first = await SseReader.OpenAsync(player.Http, $"/api/sessions/{id}/events");
        await using (var second = await SseReader.OpenAsync(player.Http, "/api/me/events"))
        {
            Assert.Equal(1, await Listeners()); // one subscription for all the player's streams on the replica
            await first.DisposeAsync();
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 10 });
            Assert.Equal("StackUpdated", (await second.NextAsync(Wait)).Event);
            Assert.Equal(1, await Listeners());
        }

        await WaitUntilAsync(async () => await Listeners() == 0);

        // Closed and opened again at once, as a phone on casino Wi-Fi does: every new stream hears the next change.
        for (var amount = 11; amount <= 30; amount++)
        {
            await using var stream = await SseReader.OpenAsync(player.Http, $"/api/sessions/{id}/events");
            await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount });
            var received = await stream.NextAsync(Wait);
            Assert.Equal(amount, JsonNode.Parse(received.Data)!["payload"]!["amount"]!.GetValue<long>());
        }

        await WaitUntilAsync(async () => await Listeners() == 0);
    }

    [Fact]
    public async Task A_stream_whose_client_left_before_its_first_byte_gives_everything_back()
    {
        using var player = _api.NewPlayer();
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var streams = _api.Services.GetRequiredService<Live.SseStreams>();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        // More than a player's streams at once: each one left would keep its slot, its queue and the subscription.
        for (var i = 0; i < 12; i++)
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestAborted = gone.Token };
            context.Response.Body = new MemoryStream();
            var opened = await Record.ExceptionAsync(() => streams.OpenAsync(context, player.UserId));
            Assert.IsAssignableFrom<OperationCanceledException>(opened);
        }

        Assert.Equal(0, await redis.GetDatabase().SortedSetLengthAsync($"pt:streams:{player.UserId}"));
        await WaitUntilAsync(async () => (long)(await server.ExecuteAsync("PUBSUB", "NUMSUB", $"pt:live:{player.UserId}"))[1] == 0);
        await using var stream = await SseReader.OpenAsync(player.Http, "/api/me/events");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Another_players_session_stream_does_not_exist()
    {
        using var owner = _api.NewPlayer();
        using var other = _api.NewPlayer();
        var id = (await owner.StartCashAsync())["id"]!.GetValue<string>();
        using var response = await other.Http.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // And the other player's own stream never carries the owner's events.
        await using var feed = await SseReader.OpenAsync(other.Http, "/api/me/events");
        await owner.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 5 });
        Assert.Empty(await feed.DrainAsync(TimeSpan.FromSeconds(1)));
    }
}
