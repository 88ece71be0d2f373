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
        using var player = _api.NewPlayer();
        var (status, body) = await Import(player, ZonesHeader
            + "cash,NLHE,live,Aria,USD,11/20/2026 7:00 PM,11/20/2026 11:30 PM,,100,200,20000,26000\n" // the player's zone: Los Angeles
            + "cash,NLHE,live,Casino Gran Madrid,EUR,21.11.2026 21:00,22.11.2026 01:00,Europe/Madrid,100,200,20000,17000\n"
            + "cash,NLHE,live,Wynn,USD,2026-11-22T19:00:00+01:00,2026-11-22T23:00:00+01:00,,100,200,20000,20000\n", // an offset says which instant
            timeZone: "America/Los_Angeles");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        DateTimeOffset Start(string venue) => items.Single(i => i!["venue"]!.GetValue<string>() == venue)!["startedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(Utc("2026-11-21T03:00:00Z"), Start("Aria"));
        Assert.Equal(Utc("2026-11-21T20:00:00Z"), Start("Casino Gran Madrid"));
        Assert.Equal(Utc("2026-11-22T18:00:00Z"), Start("Wynn"));

        // The export writes each session's clock with its offset and zone.
        var csv = await player.Http.GetStringAsync("/api/sessions/export.csv");
        Assert.Contains(",2026-11-20T19:00:00.000-08:00,2026-11-20T23:30:00.000-08:00,America/Los_Angeles,", csv);
        Assert.Contains(",2026-11-21T21:00:00.000+01:00,2026-11-22T01:00:00.000+01:00,Europe/Madrid,", csv);

        // Looked at from Los Angeles, the Madrid evening is still a Saturday evening at 21, not noon;
        // the Aria session one at 19 on a Friday.
        var stats = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 1, Join, "?timeZone=America/Los_Angeles&currency=EUR")).Stats;
        Assert.Equal(["21"], Keys(stats["byHour"]!));
        Assert.Equal(["6"], Keys(stats["byWeekday"]!));
        Assert.Equal((6, 21), (stats["heatmap"]![0]!["weekday"]!.GetValue<int>(), stats["heatmap"]![0]!["hour"]!.GetValue<int>()));
        var usd = (await Pipeline.WaitForStatsAsync(player, s => s["sessions"]!.GetValue<int>() == 2, Join, "?timeZone=America/Los_Angeles&currency=USD")).Stats;
        Assert.Equal(["10", "19"], Keys(usd["byHour"]!).Order(StringComparer.Ordinal)); // Wynn: 19:00 at +01:00 is 10:00 in Los Angeles
        var saturday = await player.GetAsync("/api/stats/sessions?timeZone=America/Los_Angeles&weekday=6&currency=EUR");
        Assert.Equal(1, saturday["total"]!.GetValue<int>());

        // A zone that is none is named on its row; a player's zone that is none is refused whole.
        (status, body) = await Import(player, ZonesHeader + "cash,NLHE,live,Aria,USD,2026-11-23 19:00,2026-11-23 23:00,Mars/Olympus,100,200,20000,20000\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("time_zone", body["rowErrors"]![0]!["column"]!.GetValue<string>());
        Assert.StartsWith("'Mars/Olympus' is not a time zone", body["rowErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        (status, body) = await Import(player, ZonesHeader + "cash,NLHE,live,Aria,USD,2026-11-23 19:00,2026-11-23 23:00,,100,200,20000,20000\n", timeZone: "Pacific Time");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["timeZone"]);
    }

    private static List<string> Keys(JsonNode breakdown) => [.. breakdown.AsArray().Select(b => b!["key"]!.GetValue<string>())];

    [Fact]
    public async Task A_file_imported_when_times_were_read_in_UTC_adds_nothing_when_imported_again_from_the_players_zone()
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
    }
}
