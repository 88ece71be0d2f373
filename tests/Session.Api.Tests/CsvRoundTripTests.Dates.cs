using System.Net;
using System.Text.Json.Nodes;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Dates as spreadsheets in different countries write them: never read the wrong way round.</summary>
public sealed partial class CsvRoundTripTests
{
    private const string DatesHeader = "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n";

    private static string Row(string venue, string started, string ended) => $"cash,NLHE,live,{venue},USD,{started},{ended},100,200,20000,25000\n";

    [Theory]
    [InlineData("13/03/2026 19:00", "2026-04-05T19:00:00Z")] // a day after the 12th first: the file is day first
    [InlineData("03/13/2026 7:00 PM", "2026-05-04T19:00:00Z")] // ... second: month first
    public async Task Numeric_dates_are_read_the_way_round_the_files_own_dates_show(string telling, string meant)
    {
        using var player = _api.NewPlayer();
        var (status, body) = await Import(player, DatesHeader + Row("Aria", telling, telling.Replace("19:00", "23:00").Replace("7:00 PM", "11:00 PM"))
            + Row("Wynn", "05/04/2026 19:00", "05/04/2026 23:00") + Row("Venetian", "05/05/2026 19:00", "05/05/2026 23:00"));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(3, body["imported"]!.GetValue<int>()); // 5/5 reads the same either way round
        var wynn = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Single(i => i!["venue"]!.GetValue<string>() == "Wynn")!;
        Assert.Equal(DateTimeOffset.Parse(meant, System.Globalization.CultureInfo.InvariantCulture), wynn["startedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_date_that_can_be_read_both_ways_is_named_rather_than_guessed_and_dotted_dates_are_day_first()
    {
        using var player = _api.NewPlayer();
        var (status, body) = await Import(player, DatesHeader + Row("Wynn", "05/04/2026 19:00", "05/04/2026 23:00") + Row("Aria", "yesterday", "2026-04-05T23:00:00Z"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var errors = body["rowErrors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();
        Assert.Contains(errors, e => e is (2, "started_at", _) && e.Item3.Contains("can be 5 April 2026 or 4 May 2026", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is (2, "ended_at", _));
        Assert.Contains(errors, e => e is (3, "started_at", _) && e.Item3.StartsWith("'yesterday' is not a time", StringComparison.Ordinal));

        // An evening at a table in Los Angeles is named by its dates there, not by the next day's in UTC.
        (status, body) = await Import(player, DatesHeader + Row("Wynn", "10/02/2026 7:00 PM", "10/02/2026 11:00 PM"), "America/Los_Angeles");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var evening = body["rowErrors"]!.AsArray().Single(e => e!["column"]!.GetValue<string>() == "started_at")!["message"]!.GetValue<string>();
        Assert.Contains("can be 10 February 2026 or 2 October 2026", evening, StringComparison.Ordinal);
        Assert.Contains("as 2026-02-10 or 2026-10-02, or say which way round", evening, StringComparison.Ordinal);

        // One reading makes a session of hours, the other of a month: the row tells.
        (status, body) = await Import(player, DatesHeader + Row("Wynn", "05/04/2026 19:00", "2026-04-05T23:00:00Z") + Row("Aria", "05.04.2026 19:00", "06.04.2026 01:30"));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var starts = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Select(i => i!["startedAt"]!.GetValue<DateTimeOffset>()).Distinct().ToList();
        Assert.Equal([new DateTimeOffset(2026, 4, 5, 19, 0, 0, TimeSpan.Zero)], starts);

        // A file re-saved with US dates and no day after the 12th: a row that lasts hours one way round
        // and a month the other tells the whole file.
        using var other = _api.NewPlayer();
        (status, body) = await Import(other, DatesHeader + Row("Sands", "11/5/2026 19:00", "11/5/2026 23:00") + Row("Venetian", "11/10/2026 18:00", "11/11/2026 1:30"));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var sands = (await other.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Single(i => i!["venue"]!.GetValue<string>() == "Sands")!;
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 19, 0, 0, TimeSpan.Zero), sands["startedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_file_whose_dates_do_not_show_their_order_is_imported_once_the_player_says_which_it_is()
    {
        // A US spreadsheet of early-March evenings: no day after the 12th, every session within one day either way.
        using var player = _api.NewPlayer();
        var csv = DatesHeader + Row("Wynn", "03/04/2026 7:00 PM", "03/04/2026 11:00 PM") + Row("Aria", "03/06/2026 8:00 PM", "03/06/2026 11:30 PM");
        var (status, body) = await Import(player, csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body["datesAmbiguous"]!.GetValue<bool>());
        Assert.EndsWith("or say which way round the file writes its dates (day first or month first).", body["rowErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, body) = await Import(player, csv, dates: "month-first");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(2, body["imported"]!.GetValue<int>());
        var starts = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Select(i => i!["startedAt"]!.GetValue<DateTimeOffset>()).Order();
        Assert.Equal([new DateTimeOffset(2026, 3, 4, 19, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 6, 20, 0, 0, TimeSpan.Zero)], starts);
        (status, body) = await Import(player, csv, dates: "Month-First ");
        Assert.Equal((HttpStatusCode.OK, 0, 2), (status, body["imported"]!.GetValue<int>(), body["alreadyPresent"]!.GetValue<int>()));

        // A date that cannot be the order said is named as such; an order no file has is a 400.
        (status, body) = await Import(player, DatesHeader + Row("Sands", "13/04/2026 19:00", "13/04/2026 23:00"), dates: "month-first");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(body["datesAmbiguous"]!.GetValue<bool>());
        Assert.StartsWith("'13/04/2026 19:00' cannot be a date written month first", body["rowErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        (status, body) = await Import(player, csv, dates: "sideways");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["dates"]);
    }

    [Fact]
    public async Task Money_written_as_a_spreadsheet_writes_it_is_read_in_the_rows_currency_and_anything_else_is_named()
    {
        using var player = _api.NewPlayer();
        var (status, body) = await Import(player, DatesHeader.Replace("cash_out\n", "cash_out,hands_played\n", StringComparison.Ordinal)
            + "cash,NLHE,live,Aria,USD,2026-04-05T19:00:00Z,2026-04-05T23:00:00Z,100,200,20000,250.5O,lots\n"
            + "cash,NLHE,live,Aria,USD,2026-04-06T19:00:00Z,2026-04-06T23:00:00Z,100,200,20000,12.505,\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var errors = body["rowErrors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();
        Assert.Contains((2, "cash_out", "'250.5O' is not an amount: write it as 1234.50 or $1,234.50, or in cents as the export does (123450)."), errors);
        Assert.Contains((2, "hands_played", "'lots' is not a whole number."), errors); // a count, not money
        Assert.Contains((3, "cash_out", "'12.505' has more decimals than USD has (2)."), errors);

        // As typed in a sheet: a sign, thousands, decimals, a decimal comma in a file of semicolons,
        // a currency in lower case (whole numbers stay cents, as the export writes them: a row that mixes
        // both ways is named, see Whole_dollars_at_a_live_table_are_named_not_imported_as_cents).
        (status, body) = await Import(player,
            "kind;game;format;venue;currency;started_at;ended_at;small_blind;big_blind;total_buy_in;cash_out\n"
            + "cash;NLHE;live;Aria;usd;2026-04-07T19:00:00Z;2026-04-07T23:00:00Z;$1;$2;$1,000.00;$1,234.50\n"
            + "cash;NLHE;live;Casino Wien;EUR;2026-04-08T19:00:00Z;2026-04-08T23:00:00Z;1,00;2,00;200,00;1.234,50 €\n");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        var aria = items.Single(i => i!["venue"]!.GetValue<string>() == "Aria")!;
        Assert.Equal(("USD", 100L, 200L, 23_450L), (aria["currency"]!.GetValue<string>(), aria["stakes"]!["smallBlind"]!.GetValue<long>(),
            aria["stakes"]!["bigBlind"]!.GetValue<long>(), aria["totals"]!["netResult"]!.GetValue<long>()));
        var wien = items.Single(i => i!["venue"]!.GetValue<string>() == "Casino Wien")!;
        Assert.Equal((100L, 103_450L), (wien["stakes"]!["smallBlind"]!.GetValue<long>(), wien["totals"]!["netResult"]!.GetValue<long>())); // 1,234.50 − 200.00
    }

    [Theory]
    [InlineData("9999-12-31 23:00", "America/New_York")] // a sheet's "no end"
    [InlineData("12/31/9999 11:00 PM", "America/New_York")]
    [InlineData("01/01/0001 00:00", "Asia/Tokyo")]
    public async Task A_date_at_the_ends_of_the_calendar_is_a_row_error_not_a_server_error(string ended, string zone)
    {
        using var player = _api.NewPlayer();
        var (status, body) = await Import(player, DatesHeader + Row("Aria", "2026-04-05 19:00", ended), zone);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(body["rowErrors"]!.AsArray(), e => e!["row"]!.GetValue<int>() == 2 && e["column"]!.GetValue<string>() == "ended_at");
    }

    [Fact]
    public async Task A_file_imported_again_by_a_player_at_their_quota_adds_nothing_and_is_not_refused()
    {
        using var api = engines.CreateApi(("Sessions:MaxSessionsPerPlayer", "2"));
        using var player = api.NewPlayer();
        var file = DatesHeader + Row("Aria", "2026-04-05 19:00", "2026-04-05 23:00") + Row("Wynn", "2026-04-06 19:00", "2026-04-06 23:00");
        var (status, body) = await Import(player, file);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        (status, body) = await Import(player, file);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal((0, 2), (body["imported"]!.GetValue<int>(), body["alreadyPresent"]!.GetValue<int>()));

        // A row that would add a session is still refused, and nothing of its file is written.
        (status, _) = await Import(player, file + Row("Venetian", "2026-04-07 19:00", "2026-04-07 23:00"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(2, (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Two_rows_alike_are_two_sessions_and_the_file_imported_again_adds_nothing()
    {
        using var player = _api.NewPlayer();
        // Two $11 sit-and-gos busted the same day, written without times.
        var sng = "tournament,NLHE,live,Aria,USD,2026-04-05,2026-04-05,1000,100,1100,0\n";
        var file = "kind,game,format,venue,currency,started_at,ended_at,tournament_buy_in,tournament_fee,total_buy_in,prize\n" + sng + sng;
        var (status, body) = await Import(player, file);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal((2, 0), (body["imported"]!.GetValue<int>(), body["alreadyPresent"]!.GetValue<int>()));
        (_, body) = await Import(player, file);
        Assert.Equal((0, 2), (body["imported"]!.GetValue<int>(), body["alreadyPresent"]!.GetValue<int>()));
        Assert.Equal(2, (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Count);
    }
}
