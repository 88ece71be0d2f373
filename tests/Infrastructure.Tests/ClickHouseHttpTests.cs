using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>The HTTP interface itself, as curl or any ClickHouse HTTP client sees it.</summary>
public sealed class ClickHouseHttpTests(ClickHouseFixture fixture) : IClassFixture<ClickHouseFixture>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Ping_answers_Ok()
    {
        Assert.Equal("Ok.\n", await _http.GetStringAsync("ping"));
    }

    [Fact]
    public async Task A_query_can_come_in_the_URL_the_body_or_both()
    {
        Assert.Equal("6\n", await _http.GetStringAsync("?query=" + Uri.EscapeDataString("SELECT 1 + 5")));
        Assert.Equal("7\n", await PostAsync("", "SELECT 3 + 4"));
        Assert.Equal("10\n", await PostAsync("?query=" + Uri.EscapeDataString("SELECT sum(number) FROM numbers(5)"), "WHERE number > 0"));
    }

    [Fact]
    public async Task Responses_carry_the_headers_the_driver_relies_on()
    {
        using var response = await _http.GetAsync("?query_id=my-query-1&default_format=JSONEachRow&query=" + Uri.EscapeDataString("SELECT number FROM numbers(3)"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("my-query-1", response.Headers.GetValues("X-ClickHouse-Query-Id").Single());
        Assert.Equal("JSONEachRow", response.Headers.GetValues("X-ClickHouse-Format").Single());
        Assert.NotEmpty(response.Headers.GetValues("X-ClickHouse-Timezone").Single());
        using var summary = JsonDocument.Parse(response.Headers.GetValues("X-ClickHouse-Summary").Single());
        Assert.Equal("3", summary.RootElement.GetProperty("read_rows").GetString());
        Assert.Equal("0", summary.RootElement.GetProperty("written_rows").GetString());
        Assert.Equal("{\"number\":0}\n{\"number\":1}\n{\"number\":2}\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("JSONEachRow", "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n{\"id\":3,\"name\":\"c,\\\"quoted\\\"\"}\n")]
    [InlineData("TabSeparated", "1\ta\n2\tb\n3\tc,\"quoted\"\n")]
    [InlineData("CSV", "1,a\n2,b\n3,\"c,\"\"quoted\"\"\"\n")]
    [InlineData("Values", "(1, 'a'), (2, 'b'), (3, 'c,\"quoted\"')")]
    public async Task Inserts_in_text_formats_land_whatever_the_body_compression(string format, string rows)
    {
        foreach (var coding in new[] { "", "gzip", "zstd" })
        {
            var table = ClickHouseFixture.UniqueName("fmt");
            await PostAsync("", $"CREATE TABLE {table} (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
            var statement = format == "Values" ? $"INSERT INTO {table} VALUES" : $"INSERT INTO {table} FORMAT {format}";
            using var content = Encoded(Encoding.UTF8.GetBytes(rows), coding);
            using var insert = await _http.PostAsync("?query=" + Uri.EscapeDataString(statement), content);
            Assert.True(insert.IsSuccessStatusCode, $"{format}/{coding}: {await insert.Content.ReadAsStringAsync()}");
            Assert.Equal("", await insert.Content.ReadAsStringAsync());
            using var summary = JsonDocument.Parse(insert.Headers.GetValues("X-ClickHouse-Summary").Single());
            Assert.Equal("3", summary.RootElement.GetProperty("written_rows").GetString());
            Assert.Equal("1:a|2:b|3:c,\"quoted\"\n", await PostAsync("", $"SELECT arrayStringConcat(groupArray(concat(toString(id), ':', name)), '|') FROM (SELECT * FROM {table} ORDER BY id) FORMAT TabSeparatedRaw"));
        }
    }

    [Theory]
    [InlineData("RowBinary")]
    [InlineData("RowBinaryWithNamesAndTypes")]
    [InlineData("RowBinaryWithDefaults")]
    public async Task Binary_rows_read_out_in_a_format_insert_back_identically(string format)
    {
        var source = ClickHouseFixture.UniqueName("src");
        var target = ClickHouseFixture.UniqueName("dst");
        await PostAsync("", $"CREATE TABLE {source} (id UInt64, at DateTime64(3, 'UTC'), net Decimal(18, 2), tag Nullable(String)) ENGINE = MergeTree ORDER BY id");
        await PostAsync("", $"CREATE TABLE {target} AS {source}");
        await PostAsync("", $"INSERT INTO {source} SELECT number, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + number, number / 4, if(number % 3 = 0, NULL, toString(number)) FROM numbers(5000)");

        var readFormat = format == "RowBinaryWithDefaults" ? "RowBinary" : format;
        using var exported = await _http.GetAsync("?query=" + Uri.EscapeDataString($"SELECT * FROM {source} ORDER BY id FORMAT {readFormat}"));
        var bytes = await exported.Content.ReadAsByteArrayAsync();
        if (format == "RowBinaryWithDefaults")
        {
            // Same rows, each value preceded by a 0 byte: "not default, value follows".
            bytes = WithDefaultsFlags(bytes);
        }

        using var content = Encoded(bytes, "zstd");
        using var insert = await _http.PostAsync("?query=" + Uri.EscapeDataString($"INSERT INTO {target} FORMAT {format}"), content);
        Assert.True(insert.IsSuccessStatusCode, await insert.Content.ReadAsStringAsync());
        Assert.Equal(
            await PostAsync("", $"SELECT count(), sum(id), sum(net), countIf(tag IS NULL), max(at) FROM {source}"),
            await PostAsync("", $"SELECT count(), sum(id), sum(net), countIf(tag IS NULL), max(at) FROM {target}"));
    }

    [Fact]
    public async Task Responses_are_compressed_when_the_client_asks_for_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "?enable_http_compression=1&query=" + Uri.EscapeDataString("SELECT number FROM numbers(1000)"));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await _http.SendAsync(request);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        await using var unzipped = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var text = await new StreamReader(unzipped).ReadToEndAsync();
        Assert.Equal(string.Concat(Enumerable.Range(0, 1000).Select(i => i + "\n")), text);
    }

    [Fact]
    public async Task Settings_and_database_in_the_URL_apply_to_that_request_only()
    {
        var database = ClickHouseFixture.UniqueName("db");
        await PostAsync("", $"CREATE DATABASE {database}");
        var defaultThreads = await PostAsync("", "SELECT getSetting('max_threads')");
        // More requests than the endpoint has connections, so every connection is checked.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal("1\n", await PostAsync("?max_threads=1", "SELECT getSetting('max_threads')"));
            Assert.Equal(database + "\n", await PostAsync($"?database={database}", "SELECT currentDatabase()"));
            Assert.Equal(defaultThreads, await PostAsync("", "SELECT getSetting('max_threads')"));
            Assert.Equal("default\n", await PostAsync("", "SELECT currentDatabase()"));
        }
    }

    [Fact]
    public async Task Errors_come_as_ClickHouse_sends_them()
    {
        using var missing = await _http.GetAsync("?query=" + Uri.EscapeDataString("SELECT * FROM no_such_table"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("60", missing.Headers.GetValues("X-ClickHouse-Exception-Code").Single());
        Assert.StartsWith("Code: 60. DB::Exception:", await missing.Content.ReadAsStringAsync());

        using var setting = await _http.GetAsync("?no_such_setting=1&query=SELECT+1");
        Assert.Equal(HttpStatusCode.BadRequest, setting.StatusCode);
        Assert.Equal("115", setting.Headers.GetValues("X-ClickHouse-Exception-Code").Single());
    }

    [Fact]
    public async Task A_bad_insert_leaves_no_partial_rows()
    {
        var table = ClickHouseFixture.UniqueName("bad");
        await PostAsync("", $"CREATE TABLE {table} (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => i == 2500 ? "oops,broken\n" : $"{i},row{i}\n"));
        using var insert = await _http.PostAsync("?query=" + Uri.EscapeDataString($"INSERT INTO {table} FORMAT CSV"), new StringContent(rows));
        Assert.Equal(HttpStatusCode.BadRequest, insert.StatusCode);
        Assert.Contains("DB::Exception", await insert.Content.ReadAsStringAsync());
        Assert.Equal("0\n", await PostAsync("", $"SELECT count() FROM {table}"));
    }

    [Fact]
    public async Task A_slow_query_does_not_hold_up_ping_or_other_queries()
    {
        var slow = PostAsync("", "SELECT sum(sleepEachRow(0.5)) FROM numbers(6) SETTINGS max_block_size = 1");
        await Task.Delay(300);
        for (var i = 0; i < 5; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal("Ok.\n", await _http.GetStringAsync("ping"));
            Assert.Equal("2\n", await PostAsync("", "SELECT 1 + 1"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed} while a slow query ran");
        }

        Assert.False(slow.IsCompleted);
        Assert.Equal("0\n", await slow);
    }

    private async Task<string> PostAsync(string url, string body)
    {
        using var response = await _http.PostAsync(url, new StringContent(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{body}: {text}");
        return text;
    }

    private static ByteArrayContent Encoded(byte[] body, string coding)
    {
        var bytes = coding switch
        {
            "gzip" => Compress(body, s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)),
            "zstd" => new ZstdSharp.Compressor().Wrap(body).ToArray(),
            _ => body,
        };
        var content = new ByteArrayContent(bytes);
        if (coding.Length > 0)
        {
            content.Headers.ContentEncoding.Add(coding);
        }

        return content;
    }

    private static byte[] Compress(byte[] body, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }

    /// <summary>RowBinary rows of (UInt64, DateTime64, Decimal64, Nullable(String)) with a 0 flag byte before each value.</summary>
    private static byte[] WithDefaultsFlags(byte[] rowBinary)
    {
        using var output = new MemoryStream();
        var i = 0;
        while (i < rowBinary.Length)
        {
            foreach (var width in new[] { 8, 8, 8 })
            {
                output.WriteByte(0);
                output.Write(rowBinary, i, width);
                i += width;
            }

            output.WriteByte(0);
            var isNull = rowBinary[i++];
            output.WriteByte(isNull);
            if (isNull == 0)
            {
                var (length, size) = ReadVarUInt(rowBinary, i);
                output.Write(rowBinary, i, size + (int)length);
                i += size + (int)length;
            }
        }

        return output.ToArray();
    }

    private static (ulong Value, int Size) ReadVarUInt(byte[] data, int at)
    {
        ulong value = 0;
        var shift = 0;
        var size = 0;
        while (true)
        {
            var b = data[at + size++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (value, size);
            }

            shift += 7;
        }
    }
}
