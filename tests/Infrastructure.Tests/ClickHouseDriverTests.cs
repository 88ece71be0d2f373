using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.Utility;

namespace PokerTracker.Infrastructure.Tests;

/// <summary>ClickHouse.Driver, unchanged, against the local endpoint: DDL, types, parameters, errors.</summary>
public sealed class ClickHouseDriverTests(ClickHouseFixture fixture) : IClassFixture<ClickHouseFixture>
{
    private const string AllTypesColumns = """
        id UUID, name String, venue LowCardinality(String), at DateTime64(3, 'UTC'), amount Decimal(18, 2),
        hands Int64, ratio Float64, note Nullable(String), tags Array(String), extras Map(String, Int64),
        active Bool, kind Enum8('cash' = 1, 'tournament' = 2)
        """;

    [Fact]
    public async Task Parameters_of_every_schema_type_round_trip_through_insert_and_select()
    {
        await using var connection = await fixture.OpenAsync();
        var table = ClickHouseFixture.UniqueName("types");
        await ExecuteAsync(connection, $"CREATE TABLE {table} ({AllTypesColumns}) ENGINE = MergeTree ORDER BY id");

        var id = Guid.NewGuid();
        var at = new DateTime(2026, 3, 14, 21, 5, 9, 123, DateTimeKind.Utc);
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $"""
                INSERT INTO {table} VALUES ({"{id:UUID}"}, {"{name:String}"}, {"{venue:LowCardinality(String)}"}, {"{at:DateTime64(3, 'UTC')}"},
                {"{amount:Decimal(18, 2)}"}, {"{hands:Int64}"}, {"{ratio:Float64}"}, {"{note:Nullable(String)}"}, {"{tags:Array(String)}"},
                {"{extras:Map(String, Int64)}"}, {"{active:Bool}"}, {"{kind:Enum8('cash' = 1, 'tournament' = 2)}"})
                """;
            insert.AddParameter("id", id);
            insert.AddParameter("name", "it's a \"tab\"\there\\ and ünïcode");
            insert.AddParameter("venue", "Bellagio");
            insert.AddParameter("at", at);
            insert.AddParameter("amount", 1234.56m);
            insert.AddParameter("hands", 9_000_000_000L);
            insert.AddParameter("ratio", 0.125);
            insert.AddParameter("note", DBNull.Value);
            insert.AddParameter("tags", new[] { "deep", "stack's" });
            insert.AddParameter("extras", new Dictionary<string, long> { ["rebuys"] = 2, ["addons"] = 1 });
            insert.AddParameter("active", true);
            insert.AddParameter("kind", "tournament");
            await insert.ExecuteNonQueryAsync();
        }

        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM {table} WHERE id = {{id:UUID}} AND at = {{at:DateTime64(3, 'UTC')}}";
        select.AddParameter("id", id);
        select.AddParameter("at", at);
        using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(id, reader.GetGuid(reader.GetOrdinal("id")));
        Assert.Equal("it's a \"tab\"\there\\ and ünïcode", reader.GetString(reader.GetOrdinal("name")));
        Assert.Equal("Bellagio", reader.GetString(reader.GetOrdinal("venue")));
        Assert.Equal(at, reader.GetDateTime(reader.GetOrdinal("at")).ToUniversalTime());
        Assert.Equal(1234.56m, reader.GetDecimal(reader.GetOrdinal("amount")));
        Assert.Equal(9_000_000_000L, reader.GetInt64(reader.GetOrdinal("hands")));
        Assert.Equal(0.125, reader.GetDouble(reader.GetOrdinal("ratio")));
        Assert.True(reader.IsDBNull(reader.GetOrdinal("note")));
        Assert.Equal(["deep", "stack's"], (string[])reader.GetValue(reader.GetOrdinal("tags")));
        var extras = Assert.IsAssignableFrom<IDictionary<string, long>>(reader.GetValue(reader.GetOrdinal("extras")));
        Assert.Equal(2, extras["rebuys"]);
        Assert.Equal(1, extras["addons"]);
        Assert.True(reader.GetBoolean(reader.GetOrdinal("active")));
        Assert.Equal("tournament", reader.GetValue(reader.GetOrdinal("kind")));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Rows_of_every_schema_type_round_trip_through_binary_bulk_insert()
    {
        await using var connection = await fixture.OpenAsync();
        var table = ClickHouseFixture.UniqueName("bulk_types");
        await ExecuteAsync(connection, $"CREATE TABLE {table} ({AllTypesColumns}) ENGINE = MergeTree ORDER BY id");
        var at = new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        object[] row = [Guid.NewGuid(), "name", "Aria", at, 99.99m, 42L, 1.5, "a note", new[] { "x" }, new Dictionary<string, long> { ["k"] = 7 }, false, "cash"];
        object[] nulls = [Guid.NewGuid(), "", "", at, 0m, 0L, 0.0, null!, Array.Empty<string>(), new Dictionary<string, long>(), true, "tournament"];

        using var client = new ClickHouseClient(fixture.Server.ConnectionString());
        var written = await client.InsertBinaryAsync(table, ["id", "name", "venue", "at", "amount", "hands", "ratio", "note", "tags", "extras", "active", "kind"], [row, nulls]);
        Assert.Equal(2, written);

        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT name, venue, at, amount, hands, ratio, note, tags, extras['k'], active, kind FROM {table} ORDER BY active";
        using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(["name", "Aria"], new[] { reader.GetString(0), reader.GetString(1) });
        Assert.Equal(at, reader.GetDateTime(2).ToUniversalTime());
        Assert.Equal(99.99m, reader.GetDecimal(3));
        Assert.Equal(42L, reader.GetInt64(4));
        Assert.Equal(1.5, reader.GetDouble(5));
        Assert.Equal("a note", reader.GetString(6));
        Assert.Equal(["x"], (string[])reader.GetValue(7));
        Assert.Equal(7L, reader.GetInt64(8));
        Assert.Equal("cash", reader.GetValue(10));
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(6));
        Assert.Equal("tournament", reader.GetValue(10));
    }

    [Fact]
    public async Task ReplacingMergeTree_with_FINAL_keeps_the_latest_version_of_each_key()
    {
        await using var connection = await fixture.OpenAsync();
        var table = ClickHouseFixture.UniqueName("replacing");
        await ExecuteAsync(connection, $"CREATE TABLE {table} (id UInt64, version UInt64, state String) ENGINE = ReplacingMergeTree(version) ORDER BY id");
        await ExecuteAsync(connection, $"INSERT INTO {table} VALUES (1, 1, 'active'), (2, 1, 'active')");
        await ExecuteAsync(connection, $"INSERT INTO {table} VALUES (1, 3, 'ended')");
        await ExecuteAsync(connection, $"INSERT INTO {table} VALUES (1, 2, 'active')");

        Assert.Equal(4UL, Convert.ToUInt64(await ScalarAsync(connection, $"SELECT count() FROM {table}")));
        Assert.Equal(2UL, Convert.ToUInt64(await ScalarAsync(connection, $"SELECT count() FROM {table} FINAL")));
        Assert.Equal("ended", await ScalarAsync(connection, $"SELECT state FROM {table} FINAL WHERE id = 1"));
    }

    [Fact]
    public async Task A_materialized_view_into_an_AggregatingMergeTree_keeps_running_totals()
    {
        await using var connection = await fixture.OpenAsync();
        var raw = ClickHouseFixture.UniqueName("raw");
        var daily = ClickHouseFixture.UniqueName("daily");
        await ExecuteAsync(connection, $"CREATE TABLE {raw} (player String, day Date, net Decimal(18, 2)) ENGINE = MergeTree ORDER BY (player, day)");
        await ExecuteAsync(connection, $"""
            CREATE TABLE {daily} (player String, day Date, net AggregateFunction(sum, Decimal(18, 2)), sessions AggregateFunction(count))
            ENGINE = AggregatingMergeTree ORDER BY (player, day)
            """);
        await ExecuteAsync(connection, $"CREATE MATERIALIZED VIEW {daily}_mv TO {daily} AS SELECT player, day, sumState(net) AS net, countState() AS sessions FROM {raw} GROUP BY player, day");

        await ExecuteAsync(connection, $"INSERT INTO {raw} VALUES ('ann', '2026-11-01', 120.50), ('ann', '2026-11-01', -40.25), ('bob', '2026-11-01', 10)");
        await ExecuteAsync(connection, $"INSERT INTO {raw} VALUES ('ann', '2026-11-01', 19.75), ('ann', '2026-11-02', -5)");

        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT player, toString(day), sumMerge(net), countMerge(sessions) FROM {daily} GROUP BY player, day ORDER BY player, day";
        using var reader = await select.ExecuteReaderAsync();
        var rows = new List<(string, string, decimal, ulong)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), Convert.ToUInt64(reader.GetValue(3))));
        }

        Assert.Equal([("ann", "2026-11-01", 100.00m, 3UL), ("ann", "2026-11-02", -5m, 1UL), ("bob", "2026-11-01", 10m, 1UL)], rows);
    }

    [Theory]
    [InlineData("SELEC count() FROM numbers(3) WHERE", 62)]
    [InlineData("SELECT * FROM table_that_does_not_exist", 60)]
    [InlineData("SELECT no_such_function(1)", 46)]
    public async Task A_bad_query_raises_the_drivers_server_exception_with_ClickHouses_code(string sql, int code)
    {
        await using var connection = await fixture.OpenAsync();
        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => ScalarAsync(connection, sql));
        Assert.Equal(code, error.ErrorCode);
        Assert.StartsWith($"Code: {code}. DB::Exception:", error.Message);
    }

    [Fact]
    public async Task Scalar_and_reader_return_what_the_engine_computes()
    {
        await using var connection = await fixture.OpenAsync();
        Assert.Equal(4950UL, Convert.ToUInt64(await ScalarAsync(connection, "SELECT sum(number) FROM numbers(100)")));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, toString(number * 2) AS doubled FROM numbers({n:UInt64}) ORDER BY number";
        command.AddParameter("n", 5UL);
        using var reader = await command.ExecuteReaderAsync();
        var seen = new List<string>();
        while (await reader.ReadAsync())
        {
            seen.Add($"{reader.GetValue(0)}:{reader.GetString(1)}");
        }

        Assert.Equal(["0:0", "1:2", "2:4", "3:6", "4:8"], seen);
    }

    internal static async Task ExecuteAsync(ClickHouseConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<object?> ScalarAsync(ClickHouseConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
