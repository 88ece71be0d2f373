using System.Diagnostics;
using ClickHouse.Driver;
using Xunit.Abstractions;
using static PokerTracker.Infrastructure.Tests.ClickHouseDriverTests;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>Volume and concurrency through the local endpoint: every row sent lands, once.</summary>
public sealed class ClickHouseBulkTests(ClickHouseFixture fixture, ITestOutputHelper output) : IClassFixture<ClickHouseFixture>
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_million_rows_bulk_copied_all_land_with_the_checksum_computed_client_side()
    {
        const int rows = 1_000_000;
        await using var connection = await fixture.OpenAsync();
        var table = ClickHouseFixture.UniqueName("million");
        await ExecuteAsync(connection, $"CREATE TABLE {table} (id Int64, player UUID, net Decimal(18, 2), venue String, at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id");

        var players = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        long sumId = 0, sumLabel = 0, sumMillis = 0;
        decimal sumNet = 0;
        IEnumerable<object[]> Generate()
        {
            for (long i = 0; i < rows; i++)
            {
                var net = (i % 20_001 - 10_000) / 100m;
                var venue = "venue-" + (i % 500);
                var at = Epoch.AddMilliseconds(i * 7);
                sumId += i;
                sumNet += net;
                sumLabel += venue.Length;
                sumMillis += (long)(at - DateTime.UnixEpoch).TotalMilliseconds;
                yield return [i, players[i % players.Length], net, venue, at];
            }
        }

        using var client = new ClickHouseClient(fixture.Server.ConnectionString());
        var watch = Stopwatch.StartNew();
        var written = await client.InsertBinaryAsync(table, ["id", "player", "net", "venue", "at"], Generate());
        watch.Stop();
        output.WriteLine($"bulk insert: {rows:N0} rows in {watch.Elapsed.TotalSeconds:F2} s = {rows / watch.Elapsed.TotalSeconds:N0} rows/s");
        output.WriteLine("endpoint peak memory: " + File.ReadLines($"/proc/{fixture.Server.Process.Id}/status").First(l => l.StartsWith("VmHWM", StringComparison.Ordinal)));

        Assert.Equal(rows, written);
        using var check = connection.CreateCommand();
        check.CommandText = $"SELECT count(), sum(id), sum(net), sum(length(venue)), sum(toUnixTimestamp64Milli(at)), uniqExact(player) FROM {table}";
        using var reader = await check.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((ulong)rows, Convert.ToUInt64(reader.GetValue(0)));
        Assert.Equal(sumId, Convert.ToInt64(reader.GetValue(1)));
        Assert.Equal(sumNet, reader.GetDecimal(2));
        Assert.Equal(sumLabel, Convert.ToInt64(reader.GetValue(3)));
        Assert.Equal(sumMillis, Convert.ToInt64(reader.GetValue(4)));
        Assert.Equal((ulong)players.Length, Convert.ToUInt64(reader.GetValue(5)));
    }

    [Fact]
    public async Task Eight_clients_inserting_and_selecting_for_thirty_seconds_all_succeed_and_every_row_is_counted()
    {
        const int clients = 8;
        var duration = TimeSpan.FromSeconds(30);
        await using var setup = await fixture.OpenAsync();
        var table = ClickHouseFixture.UniqueName("concurrent");
        await ExecuteAsync(setup, $"CREATE TABLE {table} (client UInt8, seq UInt64, payload String) ENGINE = MergeTree ORDER BY (client, seq)");

        var until = DateTime.UtcNow + duration;
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await using var connection = await fixture.OpenAsync();
            using var client = new ClickHouseClient(fixture.Server.ConnectionString());
            ulong inserted = 0, queries = 0;
            while (DateTime.UtcNow < until)
            {
                var batch = Enumerable.Range(0, 250).Select(i => new object[] { (byte)c, inserted + (ulong)i, $"client {c} row {inserted + (ulong)i}" }).ToList();
                inserted += (ulong)await client.InsertBinaryAsync(table, ["client", "seq", "payload"], batch);
                var seen = Convert.ToUInt64(await ScalarAsync(connection, $"SELECT count() FROM {table} WHERE client = {c}"));
                Assert.Equal(inserted, seen);
                queries++;
            }

            return (inserted, queries);
        })).ToList();

        var results = await Task.WhenAll(workers);
        var total = results.Aggregate(0UL, (sum, r) => sum + r.inserted);
        output.WriteLine($"{clients} clients, {duration.TotalSeconds} s: {total:N0} rows in {results.Sum(r => (long)r.queries):N0} insert+select rounds");
        Assert.All(results, r => Assert.True(r.queries > 0));
        Assert.Equal(total, Convert.ToUInt64(await ScalarAsync(setup, $"SELECT count() FROM {table}")));
        Assert.Equal(total, Convert.ToUInt64(await ScalarAsync(setup, $"SELECT uniqExact(client, seq) FROM {table}")));
    }
}
