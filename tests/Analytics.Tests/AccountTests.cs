using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.Clients.Redis;
using PokerTracker.Contracts;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.Analytics.Tests;

/// <summary>A player takes everything away in one archive, then deletes the account: nothing of it is left anywhere.</summary>
[Collection(Engines.Collection)]
public sealed class AccountTests(EnginesFixture engines) : PipelineTest(engines)
{
    [Fact]
    public async Task Export_holds_everything_and_deleting_the_account_leaves_no_trace_in_redis_or_clickhouse()
    {
        using var player = Api.NewPlayer();
        using var bystander = Api.NewPlayer();
        await Pipeline.PlayCashAsync(bystander, 20_000, 30_000);
        var sessionIds = new List<string>();
        foreach (var cashOut in new[] { 25_000, 14_000 })
        {
            var id = (await player.StartCashAsync())["id"]!.GetValue<string>();
            sessionIds.Add(id);
            await player.PostOkAsync($"/api/sessions/{id}/notes", new { text = $"Hero call #{cashOut}" });
            await player.PostOkAsync($"/api/sessions/{id}/end", new { cashOut });
        }

        var running = (await player.StartCashAsync())["id"]!.GetValue<string>();
        sessionIds.Add(running);
        await player.PostOkAsync($"/api/sessions/{running}/stack", new { amount = 5_000 });
        using (var guards = await player.SendAsync(HttpMethod.Put, "/api/me/guards", new { stopLoss = 30_000, currency = "USD" }))
        {
            guards.EnsureSuccessStatusCode();
        }

        using (var goals = await player.SendAsync(HttpMethod.Put, "/api/me/goals", new { hours = 40 }))
        {
            goals.EnsureSuccessStatusCode();
        }

        await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 2, Join);

        // A hand imported (after the count above: its hands make an online session of their own), a training
        // decision graded and a leaderboard name: the archive holds them too.
        var hand = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(SampleHands.Walk(770_001, new DateTime(2026, 10, 1, 20, 0, 0), "Table 1")));
        hand.Headers.ContentType = new("text/plain");
        using (var imported = await player.Http.PostAsync("/api/hands/import", hand))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        var training = await player.PostOkAsync("/api/training/sessions", new { drill = "random" });
        await player.PostOkAsync($"/api/training/sessions/{training["id"]}/decisions", new { spot = training["open"]!["number"]!.GetValue<int>(), choice = "fold" });
        var name = $"Archivist {Guid.NewGuid():N}"[..20];
        using (var profile = await player.SendAsync(HttpMethod.Put, "/api/training/leaderboard/profile", new { optIn = true, displayName = name }))
        {
            profile.EnsureSuccessStatusCode();
        }

        var deadline = DateTime.UtcNow.Add(Join);
        foreach (var table in new[] { AnalyticsTables.Hands, AnalyticsTables.TrainingDecisions })
        {
            while (await Pipeline.CountAsync(Fixture, $"SELECT count() FROM {table} FINAL WHERE user_id = '{player.UserId}'") < 1)
            {
                Assert.True(DateTime.UtcNow < deadline, $"nothing of the player in {table}");
                await Task.Delay(200);
            }
        }

        Assert.True(await RowsOfAsync(player.UserId) > 0);

        // One export at a time: while one is being made (here, as another device's would hold it), a second is a 409.
        using (var store = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Fixture.Redis.ConnectionString))
        {
            await store.GetDatabase().StringSetAsync($"pt:user:{player.UserId}:exporting", "another", TimeSpan.FromMinutes(1));
            using var second = await player.Http.GetAsync("/api/me/export");
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Contains("already being made", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var sheet = await player.Http.GetAsync("/api/sessions/export.csv"); // the CSV reads the whole record too
            Assert.Equal(HttpStatusCode.Conflict, sheet.StatusCode);
            await store.GetDatabase().KeyDeleteAsync($"pt:user:{player.UserId}:exporting");
        }

        // One archive: the account, every session in full with its notes, the CSV, the guards.
        using var export = await player.Http.GetAsync("/api/me/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(["README.txt", "account.json", "alerts.json", "bankrolls.json", "goals.json", "guards.json", "hands.jsonl", "sessions.csv", "sessions.json", "training.jsonl"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            var hands = Read(zip, "hands.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("770001", JsonNode.Parse(Assert.Single(hands))!["handId"]!.GetValue<string>());
            var decision = JsonNode.Parse(Assert.Single(Read(zip, "training.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)))!;
            Assert.Equal(["fold", training["id"]!.GetValue<string>()], new[] { decision["choice"]!.GetValue<string>(), decision["trainingId"]!.GetValue<string>() });
            Assert.Equal(name, JsonNode.Parse(Read(zip, "account.json"))!["leaderboard"]!["displayName"]!.GetValue<string>());
            var sessions = JsonNode.Parse(Read(zip, "sessions.json"))!.AsArray();
            // Each session has its chart: the running one, its buy-in and the update to 50.00.
            var chart = sessions.Single(s => s!["id"]!.GetValue<string>() == running)!["stack"]!.AsArray();
            Assert.Equal([20_000L, 5_000L], chart.Select(p => p!["amount"]!.GetValue<long>()));
            Assert.Equal(40, JsonNode.Parse(Read(zip, "goals.json"))!["hours"]!.GetValue<int>());
            Assert.Equal(sessionIds.Order(), sessions.Select(s => s!["id"]!.GetValue<string>()).Order());
            Assert.Contains(sessions, s => s!["notes"]!.AsArray().Any(n => n!["text"]!.GetValue<string>() == "Hero call #25000"));
            Assert.Equal(player.Email, JsonNode.Parse(Read(zip, "account.json"))!["email"]!.GetValue<string>());
            Assert.Equal(30_000, JsonNode.Parse(Read(zip, "guards.json"))!["stopLoss"]!.GetValue<long>());
            Assert.Equal(3, Read(zip, "sessions.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 2 ended
        }

        // The password confirms it; a wrong one deletes nothing.
        using (var wrong = await DeleteAsync(player, "not my password"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        await player.GetAsync("/api/me");
        using (var deleted = await DeleteAsync(player, "correct horse battery"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        // The access token still in hand is refused, and signing in again is too.
        using (var me = await player.Http.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        using var http = Api.CreateClient();
        using (var login = await http.PostAsJsonAsync("/api/auth/login", new { email = player.Email, password = "correct horse battery" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }

        // No key of the live store names the player or any of their sessions.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Fixture.Redis.ConnectionString);
        var server = redis.GetServers().Single();
        var names = new[] { player.UserId }.Concat(sessionIds).Concat(sessionIds.Select(s => Guid.Parse(s).ToString("N"))).ToList();
        var left = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 1000))
        {
            if (names.Any(n => key.ToString().Contains(n, StringComparison.Ordinal)))
            {
                left.Add(key.ToString());
            }
        }

        Assert.Empty(left);
        foreach (var set in new[] { "pt:analytics:pending", "pt:tilt:active" })
        {
            var members = await redis.GetDatabase().SortedSetRangeByRankAsync(set);
            Assert.DoesNotContain(members, m => names.Any(n => m.ToString().Contains(n, StringComparison.Ordinal)));
        }

        // The analytics store follows within seconds, in every table; the other player keeps everything.
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (await RowsOfAsync(player.UserId) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the analytics rows were not deleted");
            await Task.Delay(250);
        }

        Assert.Equal(1, (await bystander.GetAsync("/api/stats"))["sessions"]!.GetValue<int>());
    }

    private static Task<HttpResponseMessage> DeleteAsync(PlayerClient player, string password) =>
        player.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password }) });

    [Fact]
    public async Task Every_table_that_holds_players_rows_is_one_that_deleting_an_account_empties()
    {
        var others = await Pipeline.CountAsync(Fixture,
            $"SELECT count(DISTINCT table) FROM system.columns WHERE database = '{AnalyticsTables.Database}' AND name = 'user_id' " +
            $"AND concat(database, '.', table) NOT IN ({string.Join(", ", Purged.Select(t => $"'{t}'"))})");
        Assert.Equal(0, others); // daily_results, which nothing read, is gone
    }

    [Fact]
    public async Task Events_of_a_deleted_account_in_a_batch_ask_for_its_rows_to_be_purged_again_once()
    {
        var accounts = Worker.Services.GetRequiredService<DeletedAccounts>();
        var db = Worker.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var (gone, kept) = ("gone-" + Guid.NewGuid().ToString("N"), "kept-" + Guid.NewGuid().ToString("N"));
        await db.SetAddAsync(DeletedAccounts.Tombstones, gone);
        // Requests ever made (the purger deletes each one it has done).
        async Task<long> MadeAsync() => (long)((RedisResult[])(await db.ExecuteAsync("XINFO", "STREAM", DeletedAccounts.Requests))!)
            .Chunk(2).Single(pair => (string?)pair[0] == "entries-added")[1];
        // Other accounts' requests (another test's deletion, its events still on their way) settle first.
        var before = await MadeAsync();
        for (var quiet = DateTime.UtcNow.AddSeconds(2); DateTime.UtcNow < quiet || await db.StreamLengthAsync(DeletedAccounts.Requests) > 0; await Task.Delay(200))
        {
            if (await MadeAsync() is var now && now != before)
            {
                (before, quiet) = (now, DateTime.UtcNow.AddSeconds(2));
            }
        }

        // A retry of a batch that an earlier try stored after the account's purge: its rows go again.
        Assert.Equal([kept], await accounts.ToStoreAsync([gone, kept, gone], u => u, DateTimeOffset.UtcNow));
        Assert.Equal(before + 1, await MadeAsync());
        async Task DoneAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await db.StreamLengthAsync(DeletedAccounts.Requests) > 0 || await db.KeyExistsAsync(DeletedAccounts.PurgeAgain(gone)))
            {
                Assert.True(DateTime.UtcNow < deadline, "the purger kept the request it had done");
                await Task.Delay(100);
            }
        }

        await DoneAsync();

        // Once that purge has started, another retry asks again; while one waits, none is asked.
        Assert.Equal([kept], await accounts.ToStoreAsync([gone, kept], u => u, DateTimeOffset.UtcNow));
        Assert.Equal(before + 2, await MadeAsync());
        await DoneAsync();
        await db.StringSetAsync(DeletedAccounts.PurgeAgain(gone), 1, TimeSpan.FromMinutes(1)); // as if one waited still
        Assert.Equal([kept], await accounts.ToStoreAsync([gone, kept], u => u, DateTimeOffset.UtcNow));
        Assert.Equal(before + 2, await MadeAsync());
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static readonly string[] Purged =
        [AnalyticsTables.Events, AnalyticsTables.Sessions, AnalyticsTables.TrainingDecisions, AnalyticsTables.Hands, AnalyticsTables.HandPlayers, AnalyticsTables.HandActions];

    private async Task<long> RowsOfAsync(string userId)
    {
        long total = 0;
        foreach (var table in Purged)
        {
            total += await Pipeline.CountAsync(Fixture, $"SELECT count() FROM {table} WHERE user_id = '{userId}'");
        }

        return total;
    }
}
