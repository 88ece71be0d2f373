using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PokerTracker.SessionApi.Csv;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Files as spreadsheets write them: ';' and a BOM, the Windows encoding, saved again, zeros for "none".</summary>
public sealed partial class CsvRoundTripTests
{
    [Fact]
    public async Task A_sheet_saved_as_tab_separated_values_with_short_rows_and_grouped_counts_imports()
    {
        using var player = _api.NewPlayer();
        // Saved from Google Sheets as TSV; the program that wrote the second row left out its empty trailing cells.
        var (status, body) = await Import(player,
            "kind\tgame\tformat\tvenue\tcurrency\tstarted_at\tended_at\tsmall_blind\tbig_blind\ttotal_buy_in\tcash_out\thands_played\tnotes\n" +
            "cash\tNLHE\tlive\tAria, Las Vegas\tUSD\t2026-10-02T18:00:00Z\t2026-10-03T08:00:00Z\t100\t200\t20000\t34550\t1,234\tlong night\n" +
            "cash\tNLHE\tlive\tWynn\tUSD\t2026-10-04T18:00:00Z\t2026-10-04T23:00:00Z\t100\t200\t20000\t15000\n");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(2, body["imported"]!.GetValue<int>());
        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        var aria = items.Single(i => i!["venue"]!.GetValue<string>() == "Aria, Las Vegas")!;
        Assert.Equal(1_234, (await player.GetAsync($"/api/sessions/{aria["id"]}"))["handsPlayed"]?.GetValue<int>());
        var wynn = items.Single(i => i!["venue"]!.GetValue<string>() == "Wynn")!;
        Assert.Equal(-5_000, wynn["totals"]!["netResult"]!.GetValue<long>());

        // A row with more fields than the header (a comma outside quotes) is named, with what to do.
        (status, body) = await Import(player, DatesHeader + "cash,NLHE,live,Aria, Las Vegas,USD,2026-10-05T18:00:00Z,2026-10-05T23:00:00Z,100,200,20000,25000\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("12 fields where the header has 11", body["rowErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thousands_written_with_points_as_Excel_writes_them_in_Germany_are_read_where_they_can_only_be_thousands()
    {
        using var player = _api.NewPlayer();
        var (status, body) = await Import(player,
            "kind;game;format;venue;currency;started_at;ended_at;small_blind;big_blind;total_buy_in;cash_out;hands_played\n" +
            "cash;NLHE;live;Spielbank;EUR;02.10.2026 18:00;02.10.2026 23:00;1,00;2,00;300,00;1.450,50;1.234\n" +
            "cash;NLHE;live;Roppongi;JPY;03.10.2026 18:00;03.10.2026 23:00;100;200;30.000;28.500;\n");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        var euros = items.Single(i => i!["currency"]!.GetValue<string>() == "EUR")!;
        Assert.Equal(115_050, euros["totals"]!["netResult"]!.GetValue<long>());
        Assert.Equal(1_234, (await player.GetAsync($"/api/sessions/{euros["id"]}"))["handsPlayed"]!.GetValue<int>());
        Assert.Equal(-1_500, items.Single(i => i!["currency"]!.GetValue<string>() == "JPY")!["totals"]!["netResult"]!.GetValue<long>());
    }

    /// <summary>A file typed into a spreadsheet in a European locale: ';' between fields, a BOM, any line ending.</summary>
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task A_hand_written_spreadsheet_file_with_semicolons_and_a_BOM_imports_with_any_line_ending(string newline)
    {
        using var player = _api.NewPlayer();
        string[] lines =
        [
            "kind;game;format;venue;currency;tags;started_at;ended_at;small_blind;big_blind;total_buy_in;cash_out",
            "cash;NLHE;live;Casino Baden;EUR;friday;2026-10-02T18:00:00Z;2026-10-02T23:30:00Z;100;200;20000;34550",
            "cash;PLO;live;\"Spielbank; Berlin\";EUR;;2026-10-09T19:00:00Z;2026-10-10T01:00:00Z;200;500;50000;12000",
        ];
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join(newline, lines) + newline)).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await player.Http.PostAsync("/api/sessions/import", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(2, JsonNode.Parse(body)!["imported"]!.GetValue<int>());

        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        Assert.Equal(["Casino Baden", "Spielbank; Berlin"], items.Select(i => i!["venue"]!.GetValue<string>()).Order());
        Assert.Equal(14_550 - 38_000, items.Sum(i => i!["totals"]!["netResult"]!.GetValue<long>()));
    }

    /// <summary>A file saved again by a spreadsheet re-types times and may change case: its rows are the sessions imported before.</summary>
    [Fact]
    public async Task A_file_saved_again_by_a_spreadsheet_names_the_same_sessions_even_those_named_by_their_text_before()
    {
        using var player = _api.NewPlayer();
        const string header = "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n";
        var first = await Import(player, header +
            "cash,NLHE,live,Aria,USD,2026-10-02T18:00:00Z,2026-10-02T23:00:00Z,100,200,20000,26500\n" +
            "cash,NLHE,live,Wynn,USD,2026-10-03T18:00:00Z,2026-10-03T22:00:00Z,100,200,20000,15000\n");
        Assert.Equal(2, first.Body["imported"]!.GetValue<int>());

        // The release before named an imported session by its row's text as typed: such a session, half imported.
        const string bellagio = "cash,NLHE,live,Bellagio,USD,2026-10-04T18:00:00Z,2026-10-04T21:00:00Z,100,200,20000,31000";
        var plan = ParseRow(header + bellagio + "\n");
        var service = _api.Services.GetRequiredService<PokerTracker.SessionApi.Sessions.SessionService>();
        await service.StartAsync(new PokerTracker.SessionApi.Accounts.Caller(player.UserId, "free"), plan.Start, $"import-{plan.TypedHash}-start", imported: true);

        // The same three rows as a spreadsheet writes them back: times in other notations, a venue in capitals.
        var again = await Import(player, header +
            "cash,NLHE,live,ARIA,USD,10/02/2026 18:00:00,2026-10-02 23:00:00+00:00,100,200,20000,26500\n" +
            "cash,NLHE,live,Wynn,USD,2026-10-03T20:00:00+02:00,2026-10-03T22:00:00.000Z,100,200,20000,15000\n" +
            bellagio + "\n");
        Assert.True(again.Status == HttpStatusCode.OK, again.Body.ToJsonString());
        Assert.Equal(0, again.Body["imported"]!.GetValue<int>());
        Assert.Equal(3, again.Body["alreadyPresent"]!.GetValue<int>());

        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        Assert.Equal(["Aria", "Bellagio", "Wynn"], items.Select(i => i!["venue"]!.GetValue<string>()).Order());
        var finished = items.Single(i => i!["venue"]!.GetValue<string>() == "Bellagio")!;
        Assert.Equal("ended", finished["status"]!.GetValue<string>()); // the half-imported session was finished, not copied
        Assert.Equal(11_000, finished["totals"]!["netResult"]!.GetValue<long>());

        // A row that differs in what it means is another session.
        var other = await Import(player, header + "cash,NLHE,live,Aria,USD,2026-10-02T18:00:00Z,2026-10-02T23:00:00Z,100,200,20000,26600\n");
        Assert.Equal(1, other.Body["imported"]!.GetValue<int>());
    }

    private static CsvImporter.Plan ParseRow(string csvText)
    {
        using var csv = new CsvHelper.CsvReader(new StringReader(csvText), CsvFormat.ReadConfiguration(","));
        csv.Read();
        csv.ReadHeader();
        csv.Read();
        var errors = new List<CsvRowError>();
        var plan = CsvImporter.Plan.From(new RowReader(csv, 2, errors), 2, errors);
        Assert.Empty(errors);
        return plan!;
    }

    /// <summary>Excel's plain "CSV" on Windows is in Windows-1252, not UTF-8.</summary>
    [Fact]
    public async Task A_spreadsheet_file_in_the_Windows_encoding_reads_as_typed()
    {
        using var player = _api.NewPlayer();
        var csv = "kind;game;format;venue;currency;started_at;ended_at;small_blind;big_blind;total_buy_in;cash_out;notes\r\n" +
                  "cash;NLHE;live;Casino Baden-Württemberg;EUR;2026-10-02T18:00:00Z;2026-10-02T23:30:00Z;100;200;20000;34550;Tisch 3, € gut\r\n";
        using var content = new ByteArrayContent(System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(csv));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await player.Http.PostAsync("/api/sessions/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var session = Assert.Single((await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray())!;
        Assert.Equal("Casino Baden-Württemberg", session["venue"]!.GetValue<string>());
        var id = session["id"]!.GetValue<string>();
        Assert.Equal("Tisch 3, € gut", (await player.GetAsync($"/api/sessions/{id}"))["notes"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_workbook_sent_instead_of_its_sheet_as_CSV_is_named_as_such()
    {
        using var player = _api.NewPlayer();
        using var zip = new MemoryStream();
        using (var workbook = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(workbook.CreateEntry("[Content_Types].xml").Open());
            entry.Write("<?xml version=\"1.0\"?><Types/>");
        }

        foreach (var bytes in new[] { zip.ToArray(), new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 } }) // .xlsx, .xls
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            using var response = await player.Http.PostAsync("/api/sessions/import", content);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.True(problem.Contains("not a CSV file: save or download the sheet as CSV", StringComparison.Ordinal), problem);
        }
    }

    /// <summary>Rows of empty cells, which a spreadsheet writes where its formatting ran past the data, are skipped like blank lines.</summary>
    [Fact]
    public async Task Rows_of_only_empty_cells_are_skipped_and_the_rows_after_them_keep_their_numbers()
    {
        using var player = _api.NewPlayer();
        const string csv =
            "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\r\n" +
            "cash,NLHE,live,Aria,USD,2026-10-02T18:00:00Z,2026-10-02T23:00:00Z,100,200,20000,26500\r\n" +
            ",,,,,,,,,,\r\n" +
            "cash,NLHE,live,Aria,USD,2026-10-04T18:00:00Z,2026-10-04T23:00:00Z,100,200,20000,12000\r\n" +
            ",,,,,,,,,,\r\n,,,,,,,,,,\r\n";
        var result = await Import(player, csv);
        Assert.True(result.Status == HttpStatusCode.OK, result.Body.ToJsonString());
        Assert.Equal((2, 2), (result.Body["rows"]!.GetValue<int>(), result.Body["imported"]!.GetValue<int>()));

        // A bad row after an empty one is named by its line in the file.
        var bad = await Import(player, csv.Replace("2026-10-04T23:00:00Z", "yesterday", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode)422, bad.Status);
        var error = Assert.Single(bad.Body["rowErrors"]!.AsArray())!;
        Assert.Equal((4, "ended_at"), (error["row"]!.GetValue<int>(), error["column"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_header_below_blank_lines_is_found_and_a_file_without_one_is_told_so()
    {
        using var player = _api.NewPlayer();
        var header = "kind;game;format;venue;currency;started_at;ended_at;small_blind;big_blind;total_buy_in;cash_out\n";
        var row = "cash;NLHE;live;Casino Wien;EUR;02.10.2026 20:00;03.10.2026 01:30;1,00;2,00;200,00;345,50\n";
        var (status, body) = await Import(player, "\n\n" + header + row);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(1, body["imported"]!.GetValue<int>());

        // Rows typed straight in, no header above them: one problem that says so, not one per row or column.
        (status, body) = await Import(player, "\n" + row + row.Replace("Wien", "Baden", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode)422, status);
        var error = Assert.Single(body["rowErrors"]!.AsArray())!;
        Assert.Equal(2, error["row"]!.GetValue<int>());
        Assert.StartsWith("This line should be the header row, naming the columns as the export does (kind, game,", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>A file of another kind has a problem on every row: the answer lists the first ones and counts them all.</summary>
    [Fact]
    public async Task A_problem_on_every_row_lists_the_first_ones_and_counts_them_all()
    {
        using var player = _api.NewPlayer();
        var rows = string.Concat(Enumerable.Repeat("cash,NLHE,live,Aria,USD,yesterday,2026-10-02T23:00:00Z,100,200,20000,25000\n", 300));
        var (status, body) = await Import(player, "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n" + rows);
        Assert.Equal((HttpStatusCode)422, status);
        var listed = body["rowErrors"]!.AsArray();
        Assert.Equal(200, listed.Count);
        Assert.Equal((2, 201), (listed[0]!["row"]!.GetValue<int>(), listed[199]!["row"]!.GetValue<int>()));
        Assert.Equal(300, body["rowErrorsTotal"]!.GetValue<int>());
        Assert.Equal("300 problem(s) in the file; nothing was imported.", body["detail"]!.GetValue<string>());
    }

    /// <summary>A sheet kept in whole dollars would import at a hundredth of what was played: at a live table the blinds tell.</summary>
    [Fact]
    public async Task Whole_dollars_at_a_live_table_are_named_not_imported_as_cents()
    {
        using var player = _api.NewPlayer();
        const string header = "kind,game,format,venue,currency,started_at,ended_at,small_blind,big_blind,total_buy_in,cash_out\n";
        var (status, body) = await Import(player, header + "cash,NLHE,live,Aria,USD,2026-10-02T18:00:00Z,2026-10-02T23:00:00Z,1,2,200,450\n");
        Assert.Equal((HttpStatusCode)422, status);
        var error = Assert.Single(body["rowErrors"]!.AsArray())!;
        Assert.Equal((2, "big_blind"), (error["row"]!.GetValue<int>(), error["column"]!.GetValue<string>()));
        Assert.Contains("A big blind of $0.02 at a live table", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // A live tournament's $150 entry kept as "150" would be $1.50.
        (status, body) = await Import(player, "kind,game,format,venue,currency,started_at,ended_at,tournament_buy_in,tournament_fee,total_buy_in,prize\n"
            + "tournament,NLHE,live,Aria,USD,2026-10-04T12:00:00Z,2026-10-04T18:00:00Z,150,25,175,0\n");
        Assert.Equal((HttpStatusCode)422, status);
        error = Assert.Single(body["rowErrors"]!.AsArray())!;
        Assert.Equal("tournament_buy_in", error["column"]!.GetValue<string>());
        Assert.StartsWith("A buy-in of $1.50 for a live tournament: whole numbers are read in cents", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Blinds with their decimals and the buy-in without: $3 at $1/$2 is no buy-in any table sells;
        // and a cash-out without decimals in a row that writes them elsewhere is named too.
        (status, body) = await Import(player, header + "cash,NLHE,live,Aria,USD,11/20/2026 7:00 PM,11/20/2026 11:00 PM,1.00,2.00,300,450\n");
        Assert.Equal((HttpStatusCode)422, status);
        var errors = body["rowErrors"]!.AsArray().ToDictionary(e => e!["column"]!.GetValue<string>(), e => e!["message"]!.GetValue<string>());
        Assert.Equal(["cash_out", "total_buy_in"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("A total buy-in of $3.00 with a big blind of $2.00 (1.5 big blinds): whole numbers are read in cents", errors["total_buy_in"], StringComparison.Ordinal);
        Assert.Equal("'450' is read in cents ($4.50), but this row writes small_blind as '1.00': write 450.00 for $450.00, or every amount in cents, as the export does.", errors["cash_out"]);
        (status, body) = await Import(player, header + "cash,NLHE,live,Aria,USD,11/21/2026 7:00 PM,11/21/2026 11:00 PM,1.00,2.00,300.00,450\n");
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("cash_out", Assert.Single(body["rowErrors"]!.AsArray())!["column"]!.GetValue<string>());

        // Online, two cents is a real big blind; and the same live row written in dollars imports.
        (status, body) = await Import(player, header + "cash,NLHE,online,PokerStars,USD,2026-10-02T18:00:00Z,2026-10-02T23:00:00Z,1,2,200,450\n"
            + "cash,NLHE,live,Aria,USD,2026-10-03T18:00:00Z,2026-10-03T23:00:00Z,1.00,2.00,200.00,450.00\n");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var live = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Single(i => i!["venue"]!.GetValue<string>() == "Aria")!;
        Assert.Equal((200L, 25_000L), (live["stakes"]!["bigBlind"]!.GetValue<long>(), live["totals"]!["netResult"]!.GetValue<long>()));

        // A home game's 5c/10c written with its decimals, and one of the player's own export (it names its session), say what they mean.
        (status, body) = await Import(player, header + "cash,NLHE,live,Kitchen,USD,2026-10-05T18:00:00Z,2026-10-05T23:00:00Z,0.05,0.10,0.50,12.40\n");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        (status, body) = await Import(player, "session_id," + header + $"{Guid.NewGuid()},cash,NLHE,live,Garage,USD,2026-10-06T18:00:00Z,2026-10-06T23:00:00Z,5,10,50,1240\n");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var home = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray().Where(i => i!["venue"]!.GetValue<string>() is "Kitchen" or "Garage").ToList();
        Assert.Equal(2, home.Count);
        Assert.All(home, h => Assert.Equal((10L, 1_190L), (h!["stakes"]!["bigBlind"]!.GetValue<long>(), h["totals"]!["netResult"]!.GetValue<long>())));
    }

    /// <summary>A spreadsheet with every column filled: a 0 where a column does not apply means "none", not an error.</summary>
    [Fact]
    public async Task Zeros_in_columns_that_do_not_apply_mean_none()
    {
        using var player = _api.NewPlayer();
        const string csv =
            "kind,game,format,venue,currency,started_at,ended_at,break_seconds,small_blind,big_blind,ante,straddle,tournament_buy_in,tournament_fee,total_buy_in,total_expenses,cash_out,prize,finish_position,field_size,hands_played\n" +
            "cash,NLHE,live,Aria,USD,2026-10-02T18:00:00Z,2026-10-02T23:00:00Z,0,100,200,0,0,0,0,20000,0,26500,0,0,0,0\n" +
            "tournament,NLHE,live,Aria,USD,2026-10-03T12:00:00Z,2026-10-03T18:00:00Z,0,0,0,0,0,30000,3000,33000,0,0,0,0,0,0\n";
        var result = await Import(player, csv);
        Assert.True(result.Status == HttpStatusCode.OK, result.Body.ToJsonString());
        Assert.Equal(2, result.Body["imported"]!.GetValue<int>());

        var items = (await player.GetAsync("/api/sessions?limit=10"))["items"]!.AsArray();
        var cash = items.Single(i => i!["kind"]!.GetValue<string>() == "cash")!;
        Assert.Null(cash["stakes"]!["straddle"]);
        Assert.Equal(6_500, cash["totals"]!["netResult"]!.GetValue<long>());
        Assert.Equal(-33_000, items.Single(i => i!["kind"]!.GetValue<string>() == "tournament")!["totals"]!["netResult"]!.GetValue<long>());
    }
}
