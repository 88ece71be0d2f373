using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using PokerTracker.TestSupport;
using PokerTracker.SharedKernel.LiveStore;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Idempotent retries, concurrent writers, and what replicas see of each other's changes.</summary>
[Collection(Engines.Collection)]
public sealed class ConsistencyTests(EnginesFixture engines)
{
    private readonly ApiFactory _api = engines.SharedApi;

    [Fact]
    public async Task A_retried_command_with_the_same_key_returns_the_original_result_and_writes_once()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();
        var first = await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 5_000 }, key);
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 1 });
        var retry = await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 5_000 }, key);
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());

        var now = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(4, now["version"]!.GetValue<long>());
        Assert.Equal(25_000, now["totals"]!["invested"]!.GetValue<long>());

        using var reused = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 9_999 }, key);
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);

        // The key is the event's id downstream, so consumers can dedupe by it too.
        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 4, TimeSpan.FromSeconds(15));
        Assert.Equal(key, events.Single(e => e.Event.Sequence == 3).Event.EventId);
    }

    [Fact]
    public async Task A_retried_command_that_the_session_now_refuses_gets_the_answer_of_its_first_attempt()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();
        var ended = await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 33_000 }, key);

        // The answer of the cash-out was lost: the phone sends it again, to a session that has ended.
        var retried = await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 33_000 }, key);
        Assert.Equal(ended.ToJsonString(), retried.ToJsonString());
        using (var reused = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/end", new { cashOut = 1 }, key))
        {
            Assert.Equal((HttpStatusCode)422, reused.StatusCode); // the key with another request, not a second cash-out
        }

        using (var second = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/end", new { cashOut = 33_000 }, Guid.NewGuid().ToString()))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }

        // A correction sent with the version it saw, sent again after it changed that version.
        var noteKey = Guid.NewGuid().ToString();
        var version = ended["version"]!.GetValue<long>();
        using (var first = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { reason = "miscounted", cashOut = 34_000 }, noteKey, $"\"{version}\""))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var again = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { reason = "miscounted", cashOut = 34_000 }, noteKey, $"\"{version}\""))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(version + 1, (await again.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<long>());
        }

        using (var stale = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { reason = "again", cashOut = 35_000 }, Guid.NewGuid().ToString(), $"\"{version}\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        var now = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(version + 1, now["version"]!.GetValue<long>());
        Assert.Equal(34_000, now["cashOut"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_replica_that_keeps_a_sessions_state_after_its_change_sees_changes_made_elsewhere_before_its_next_one()
    {
        using var other = engines.CreateApi();
        using var player = _api.NewPlayer();
        using var elsewhere = player.On(other);
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        var kept = (await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 21_000 }))["version"]!.GetValue<long>(); // this replica keeps it

        await elsewhere.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 5_000 });
        await elsewhere.PostOkAsync($"/api/sessions/{id}/notes", new { text = "villain 3-bets light" });

        var after = await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 30_000 });
        Assert.Equal(kept + 3, after["version"]!.GetValue<long>());
        Assert.Equal(25_000, after["totals"]!["invested"]!.GetValue<long>());
        Assert.Equal("villain 3-bets light", after["notes"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(after.ToJsonString(), (await elsewhere.GetAsync($"/api/sessions/{id}")).ToJsonString());

        // A precondition on the version is checked against the store, not against what this replica kept.
        await elsewhere.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 32_000 });
        using (var matched = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/stack", new { amount = 33_000 }, ifMatch: $"\"{kept + 4}\""))
        {
            Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        }

        kept += 2;

        // A command the session refuses leaves nothing behind: the next one starts from the stored state.
        using var refused = await player.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/breaks/end");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var next = await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 31_000 });
        Assert.Equal(kept + 4, next["version"]!.GetValue<long>());
        Assert.Equal(31_000, next["totals"]!["currentStack"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_command_changes_the_players_indexes_only_when_they_change_and_takes_back_a_confirmed_sessions_expiry()
    {
        using var player = _api.NewPlayer();
        var started = await player.StartCashAsync();
        var id = Guid.Parse(started["id"]!.GetValue<string>());
        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        var index = $"pt:user:{player.UserId}:sessions";
        var active = $"pt:user:{player.UserId}:active";
        var keys = LiveStoreKeys.ConfirmKeys(id);
        async Task<bool[]> Expiring() => [.. (await Task.WhenAll(keys[..3].Select(k => db.KeyTimeToLiveAsync(k)))).Select(t => t is not null)];

        Assert.Equal(started["startedAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds(), await db.SortedSetScoreAsync(index, id.ToString()));
        Assert.True(await db.SetContainsAsync(active, id.ToString()));

        // The analytics store confirms the session: its live copy may expire.
        Assert.Equal(1, (int)await db.ScriptEvaluateAsync(LiveStoreKeys.ConfirmScript, [.. keys.Select(k => (RedisKey)k)], [id.ToString(), 2]));
        Assert.Equal(new[] { true, true, true }, await Expiring());

        // The next change keeps it again, whole (hash, log, stack series), until it is confirmed in turn.
        await player.PostOkAsync($"/api/sessions/{id}/stack", new { amount = 21_000 });
        Assert.Equal(new[] { false, false, false }, await Expiring());
        Assert.NotNull(await db.SortedSetScoreAsync(LiveStoreKeys.AnalyticsPending, id.ToString()));
        Assert.True(await db.SetContainsAsync(active, id.ToString()));

        await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut = 25_000 });
        Assert.False(await db.SetContainsAsync(active, id.ToString()));

        // A corrected start time moves the session in the player's list.
        var earlier = started["startedAt"]!.GetValue<DateTimeOffset>().AddHours(-2);
        using var corrected = await player.SendAsync(HttpMethod.Patch, $"/api/sessions/{id}", new { startedAt = earlier, reason = "started earlier" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(earlier.ToUnixTimeMilliseconds(), await db.SortedSetScoreAsync(index, id.ToString()));
        Assert.Equal(1, await db.SortedSetLengthAsync(index));
    }

    [Fact]
    public async Task A_retried_start_creates_one_session()
    {
        using var player = _api.NewPlayer();
        var key = Guid.NewGuid().ToString();
        using var a = await player.SendAsync(HttpMethod.Post, "/api/sessions", PlayerClient.Cash, key);
        using var b = await player.SendAsync(HttpMethod.Post, "/api/sessions", PlayerClient.Cash, key);
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.Equal(
            JsonNode.Parse(await a.Content.ReadAsStringAsync())!["id"]!.GetValue<string>(),
            JsonNode.Parse(await b.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        var list = await player.GetAsync("/api/sessions");
        Assert.Single(list["items"]!.AsArray());
    }

    [Fact]
    public async Task Twenty_concurrent_writers_on_one_session_leave_a_gap_free_sequence_and_exact_totals()
    {
        using var player = _api.NewPlayer();
        var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
        const int writers = 20, each = 9; // 181 buy-ins with the first, of the 200 a session holds
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await player.PostOkAsync($"/api/sessions/{id}/buy-ins", new { kind = "rebuy", amount = 100 + w });
            }
        })));

        var session = await player.GetAsync($"/api/sessions/{id}");
        Assert.Equal(2 + writers * each, session["version"]!.GetValue<long>());
        var expected = 20_000 + Enumerable.Range(0, writers).Sum(w => (100 + w) * each);
        Assert.Equal(expected, session["totals"]!["invested"]!.GetValue<long>());

        var events = KafkaReader.ReadSession(engines.Kafka.BootstrapServers, id, 2 + writers * each, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, 2 + writers * each).Select(i => (long)i), events.Select(e => e.Event.Sequence));
    }
}
