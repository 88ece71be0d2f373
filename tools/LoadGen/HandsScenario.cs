using System.Text;
using System.Text.RegularExpressions;

namespace PokerTracker.Tools.LoadGen;

/// <summary>
/// Hand histories: an upload's throughput end to end (a real file repeated under new hand ids,
/// through the API into the outbox), and the hand statistics over 1,000,000 hands stored straight
/// into ClickHouse, against a bare count of the same rows in the same run.
/// </summary>
public static partial class HandsScenario
{
    public static async Task<(IEnumerable<LoadResult> Results, Dictionary<string, object> Notes)> RunAsync(HttpClient http, string clickhouseConnection, int copies, int hands)
    {
        var notes = new Dictionary<string, object>();
        var token = await Players.RegisterAsync(http, $"hands-{Guid.NewGuid():N}@pokertracker.test");

        // 1. Import: the Zoom NL25 file of the corpus, copied under new hand ids, as one upload.
        var corpus = Path.Combine(RepoPaths.Root, "tests", "HandHistories.Tests", "Hands", "corpus");
        var one = await File.ReadAllTextAsync(Directory.GetFiles(corpus, "santiweight_*Hydra*.txt").Single());
        var file = new StringBuilder();
        for (var c = 1; c <= copies; c++)
        {
            file.Append(HandNumber().Replace(one, m => $"Hand #{c}{m.Groups[1].Value}:")).Append("\n\n\n");
        }

        var bytes = Encoding.UTF8.GetBytes(file.ToString());
        var at = Stopwatch.GetTimestamp();
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/hands/import") { Content = new ByteArrayContent(bytes) };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(upload);
        var took = Stopwatch.GetElapsedTime(at);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the import failed: {report}");
        }

        var imported = report["imported"]!.GetValue<int>();
        notes["hands_import"] = new
        {
            bytes = bytes.Length, hands = report["hands"]!.GetValue<int>(), imported, seconds = Math.Round(took.TotalSeconds, 2),
            hands_per_second = Math.Round(imported / took.TotalSeconds),
        };

        // The worker stores the upload before anything is measured on ClickHouse (the two would share its cores).
        using var ch = new ClickHouseClient(clickhouseConnection);
        var importer = await UserIdAsync(http, token);
        at = Stopwatch.GetTimestamp();
        while (Convert.ToInt64(await ch.ExecuteScalarAsync($"SELECT count() FROM {AnalyticsTables.Hands} WHERE user_id = '{importer}'")) < imported)
        {
            if (Stopwatch.GetElapsedTime(at) > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("the imported hands did not reach ClickHouse");
            }

            await Task.Delay(250);
        }

        notes["hands_import_stored_seconds"] = Math.Round(took.TotalSeconds + Stopwatch.GetElapsedTime(at).TotalSeconds, 1);

        // 2. Statistics over many hands, for another player: six players per hand, the hero's rows are what the statistics read.
        token = await Players.RegisterAsync(http, $"hands-stats-{Guid.NewGuid():N}@pokertracker.test");
        var userId = await UserIdAsync(http, token);
        at = Stopwatch.GetTimestamp();
        await ch.ExecuteNonQueryAsync($"""
            INSERT INTO {AnalyticsTables.HandPlayers}
            SELECT '{userId}', n % 6 = 0, toDateTime64('2022-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(intDiv(n, 6) * 40), 'PokerStars',
                   toString(1000000000 + intDiv(n, 6)), concat('p', toString(n % 6)), toUInt8(n % 6 + 1),
                   ['BTN', 'SB', 'BB', 'UTG', 'HJ', 'CO'][n % 6 + 1], '', 'NLHE', 'USD', false, 10, 25,
                   cityHash64(n) % 300, if(cityHash64(n, 1) % 6 = 0, cityHash64(n, 2) % 1500, 0),
                   bitTest(cityHash64(n, 3), 0), bitTest(cityHash64(n, 3), 1), bitTest(cityHash64(n, 3), 2), bitTest(cityHash64(n, 3), 3),
                   bitTest(cityHash64(n, 3), 4), bitTest(cityHash64(n, 3), 5), bitTest(cityHash64(n, 3), 6), bitTest(cityHash64(n, 3), 7),
                   bitTest(cityHash64(n, 3), 8), bitTest(cityHash64(n, 3), 9), bitTest(cityHash64(n, 3), 10),
                   toUInt16(cityHash64(n, 4) % 3), toUInt16(cityHash64(n, 5) % 3), false, 0, now64(3)
            FROM (SELECT number AS n FROM numbers({hands * 6L}))
            """);
        notes["hands_stored_seconds"] = Math.Round(Stopwatch.GetElapsedTime(at).TotalSeconds, 1);

        var bare = new List<double>();
        var stats = new List<double>();
        var filtered = new List<double>();
        for (var i = 0; i < 33; i++)
        {
            at = Stopwatch.GetTimestamp();
            var count = Convert.ToInt64(await ch.ExecuteScalarAsync($"SELECT count() FROM {AnalyticsTables.HandPlayers} WHERE user_id = '{userId}' AND hero"));
            Sample(bare, at, i);
            if (count < hands)
            {
                throw new InvalidOperationException($"only {count} hero hands stored");
            }

            at = Stopwatch.GetTimestamp();
            var all = await GetAsync(http, token, "/api/hands/stats");
            Sample(stats, at, i);
            if (all["overall"]!["hands"]!.GetValue<long>() < hands)
            {
                throw new InvalidOperationException($"the statistics saw {all["overall"]!["hands"]} hands, not {hands}");
            }

            at = Stopwatch.GetTimestamp();
            await GetAsync(http, token, $"/api/hands/stats?position=BTN&from=2022-0{1 + i % 9}-01T00:00:00Z");
            Sample(filtered, at, i);
        }

        return ([
            Load.Summarize($"hands: bare count of {hands:N0} hero rows (ClickHouse)", [.. bare], 0, bare.Sum() / 1000),
            Load.Summarize($"hands: statistics over {hands:N0} hands", [.. stats], 0, stats.Sum() / 1000),
            Load.Summarize($"hands: statistics, BTN since a date", [.. filtered], 0, filtered.Sum() / 1000),
        ], notes);
    }

    /// <summary>The first three of each series are a warm-up, not measured.</summary>
    private static void Sample(List<double> series, long at, int i)
    {
        if (i >= 3)
        {
            series.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        }
    }

    private static async Task<string> UserIdAsync(HttpClient http, string token)
    {
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await (await http.SendAsync(me)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }

    [GeneratedRegex(@"Hand #(\d+):")]
    private static partial Regex HandNumber();
}
