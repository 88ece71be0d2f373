using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PokerTracker.TestSupport;

namespace PokerTracker.SessionApi.Tests;

/// <summary>A sheet's times are the clock at the table: read where the session was played, counted by that clock.</summary>
public sealed partial class CsvRoundTripTests
{
    private const string ZonesHeader = "kind,game,format,venue,currency,started_at,ended_at,time_zone,small_blind,big_blind,total_buy_in,cash_out\n";

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Times_without_an_offset_are_read_in_the_rows_zone_or_the_players_and_counted_by_the_tables_clock()
    {
        StartWorker();
        using var player = _api.NewPlayer();
        var (status, body) = await Import(player, ZonesHeader
            + "cash,NLHE,live,Aria,USD,11/20/2026 7:00 PM,11/20/2026 11:30 PM,,100,200,20000,26000\n" // the player's zone: Los Angeles
            + "cash,NLHE,live,Casino Gran Madrid,EUR,21.11.2026 21:00,22.11.2026 01:00,Europe/Madrid,100,200,20000,17000\n"
            + "cash,NLHE,live,Wynn,USD,2026-11-22T19:00:00-08:00,2026-11-22T23:00:00-08:00,,100,200,20000,20000\n" // an offset says which instant
            + "cash,NLHE,live,Borgata,USD,2026-11-26T18:00:00-05:00,2026-11-26T22:00:00-05:00,,100,200,20000,20000\n", // and, written at the table, its clock
            timeZone: "America/Los_Angeles");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        DateTimeOffset Start(string venue) => items.Single(i => i!["venue"]!.GetValue<string>() == venue)!["startedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(Utc("2026-11-21T03:00:00Z"), Start("Aria"));
        Assert.Equal(Utc("2026-11-21T20:00:00Z"), Start("Casino Gran Madrid"));
        Assert.Equal(Utc("2026-11-23T03:00:00Z"), Start("Wynn"));
        Assert.Equal(Utc("2026-11-26T23:00:00Z"), Start("Borgata"));

        // Each session names the clock it was played on, in the list and on its own, for its page to show.
        string? Zone(JsonNode? s) => s!["timeZone"]?.GetValue<string>();
        Assert.Equal(["America/Los_Angeles", "America/Los_Angeles", "Etc/GMT+5", "Europe/Madrid"], items.Select(Zone).Order(StringComparer.Ordinal));
        var madrid = items.Single(i => Zone(i) == "Europe/Madrid")!["id"]!.GetValue<string>();
        Assert.Equal("Europe/Madrid", Zone(await player.GetAsync($"/api/sessions/{madrid}")));

        // The export writes each session's clock with its offset and zone.
        var csv = await player.Http.GetStringAsync("/api/sessions/export.csv");
        Assert.Contains(",2026-11-20T19:00:00.000-08:00,2026-11-20T23:30:00.000-08:00,America/Los_Angeles,", csv);
        Assert.Contains(",2026-11-21T21:00:00.000+01:00,2026-11-22T01:00:00.000+01:00,Europe/Madrid,", csv);
        Assert.Contains(",2026-11-26T18:00:00.000-05:00,2026-11-26T22:00:00.000-05:00,Etc/GMT+5,", csv); // 18:00 as written, not 15:00 in Los Angeles

        // Looked at from Los Angeles, the Madrid evening is still a Saturday evening at 21, not noon;
        // the Aria session one at 19 on a Friday.
        var stats = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join, "?timeZone=America/Los_Angeles&currency=EUR")).Stats;
        Assert.Equal(["21"], Keys(stats["byHour"]!));
        Assert.Equal(["6"], Keys(stats["byWeekday"]!));
        Assert.Equal((6, 21), (stats["heatmap"]![0]!["weekday"]!.GetValue<int>(), stats["heatmap"]![0]!["hour"]!.GetValue<int>()));
        var usd = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 3, Join, "?timeZone=America/Los_Angeles&currency=USD")).Stats;
        Assert.Equal(["18", "19"], Keys(usd["byHour"]!).Order(StringComparer.Ordinal)); // Aria and Wynn at 19, Borgata at 18
        var saturday = await player.GetAsync("/api/stats/sessions?timeZone=America/Los_Angeles&weekday=6&currency=EUR");
        Assert.Equal(1, saturday["total"]!.GetValue<int>());

        // A zone that is none is named on its row; a player's zone that is none is refused whole.
        (status, body) = await Import(player, ZonesHeader + "cash,NLHE,live,Aria,USD,2026-11-23 19:00,2026-11-23 23:00,Mars/Olympus,100,200,20000,20000\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("time_zone", body["rowErrors"]![0]!["column"]!.GetValue<string>());
        Assert.StartsWith("'Mars/Olympus' is not a time zone", body["rowErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var zone in new[] { "Pacific Time", "Pacific Standard Time" }) // a Windows name is not an IANA one either
        {
            (status, body) = await Import(player, ZonesHeader + "cash,NLHE,live,Aria,USD,2026-11-23 19:00,2026-11-23 23:00,,100,200,20000,20000\n", timeZone: zone);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.NotNull(body["errors"]!["timeZone"]);
        }
    }

    private static List<string> Keys(JsonNode breakdown) => [.. breakdown.AsArray().Select(b => b!["key"]!.GetValue<string>())];

    [Fact]
    public async Task A_file_imported_again_from_another_zone_or_none_adds_nothing_whichever_came_first()
    {
        using var player = _api.NewPlayer();
        var file = DatesHeader + Row("Aria", "11/20/2026 19:00", "11/20/2026 23:00") + Row("Wynn", "11/21/2026 19:00", "11/21/2026 23:00");
        var (status, body) = await Import(player, file); // no zone: read in UTC, as every import before zones
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(2, body["imported"]!.GetValue<int>());

        (status, body) = await Import(player, file, timeZone: "America/Los_Angeles");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal((0, 2), (body["imported"]!.GetValue<int>(), body["alreadyPresent"]!.GetValue<int>()));
        Assert.Equal(2, (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Count);

        // The other way round, and from another zone: a row is named by what it says, not by where it was read.
        using var other = _api.NewPlayer();
        Assert.Equal(2, (await Import(other, file, timeZone: "America/Los_Angeles")).Body["imported"]!.GetValue<int>());
        foreach (var zone in new string?[] { null, "Asia/Tokyo" })
        {
            (status, body) = await Import(other, file, timeZone: zone);
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal((0, 2), (body["imported"]!.GetValue<int>(), body["alreadyPresent"]!.GetValue<int>()));
        }

        Assert.Equal(2, (await other.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Count);
    }
}
