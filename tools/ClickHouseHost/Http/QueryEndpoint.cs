using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PokerTracker.Tools.ClickHouseHost.Chdb;
using PokerTracker.Tools.ClickHouseHost.Sql;

namespace PokerTracker.Tools.ClickHouseHost.Http;

/// <summary>
/// <c>GET|POST /</c>: ClickHouse's HTTP query interface. The statement comes from the
/// <c>query</c> parameter, the body, or both (concatenated, as ClickHouse does); INSERT data
/// comes after the statement and is streamed into the engine, never spliced into SQL text.
/// </summary>
internal sealed class QueryEndpoint(ChdbEngine engine, HostSettings settings, ILogger<QueryEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        // Only local programs: a web page the developer visits could reach a loopback port (its
        // request carries an Origin; a DNS-rebinding one carries a foreign Host).
        if (context.Request.Headers.Origin.Count > 0 || !IsLoopbackHost(context.Request.Host.Host))
        {
            await ClickHouseError.Of(ClickHouseError.AccessDenied, "ACCESS_DENIED",
                "Requests from web pages or for other host names are refused").WriteAsync(context, engine.Version);
            return;
        }

        var (request, parseError) = ClickHouseRequest.Parse(context.Request, engine.DefaultSettings);
        if (parseError is not null || request is null)
        {
            await parseError!.WriteAsync(context, engine.Version);
            return;
        }

        var headers = context.Response.Headers;
        headers["X-ClickHouse-Query-Id"] = request.QueryId;
        headers["X-ClickHouse-Timezone"] = engine.Timezone;
        headers["X-ClickHouse-Server-Display-Name"] = "pokertracker-chdb";

        var access = Authenticate(request);
        if (access == Access.None)
        {
            await ClickHouseError.Of(ClickHouseError.AuthenticationFailed, "AUTHENTICATION_FAILED",
                $"{request.User ?? "default"}: Authentication failed: password is incorrect, or there is no user with such name").WriteAsync(context, engine.Version);
            return;
        }

        var body = HttpMethods.IsPost(context.Request.Method) ? BodyEncoding.DecodeRequest(context.Request) : Stream.Null;
        if (body is null)
        {
            await ClickHouseError.Of(ClickHouseError.CannotDecompress, "UNKNOWN_COMPRESSION_METHOD",
                $"Unknown Content-Encoding '{context.Request.Headers.ContentEncoding}'").WriteAsync(context, engine.Version);
            return;
        }

        try
        {
            var statement = await StatementReader.ReadAsync(request.UrlQuery, body, context.RequestAborted);
            if (string.IsNullOrWhiteSpace(statement.Sql))
            {
                await ClickHouseError.Of(62, "SYNTAX_ERROR", "Empty query").WriteAsync(context, engine.Version);
                return;
            }

            await ExecuteAsync(context, request, statement, readOnly: access == Access.Reader || HttpMethods.IsGet(context.Request.Method));
        }
        finally
        {
            if (!ReferenceEquals(body, context.Request.Body) && !ReferenceEquals(body, Stream.Null))
            {
                await body.DisposeAsync();
            }
        }
    }

    private async Task ExecuteAsync(HttpContext context, ClickHouseRequest request, ReadStatement statement, bool readOnly)
    {
        if (statement.Shape.Kind == StatementKind.SessionOnly)
        {
            // Without a session, SET and USE last only for their own request: nothing to keep.
            await WriteResultAsync(context, request, request.DefaultFormat, new ChdbResult([], 0, 0, 0, 0, TimeSpan.Zero, null));
            return;
        }

        var checkedSql = statement.Shape.Kind == StatementKind.InsertWithData ? statement.Shape.Statement : statement.Sql;
        if (StatementPolicy.Refusal(checkedSql, readOnly) is { } refusal)
        {
            logger.LogWarning("Refused query {QueryId}: {Reason}", request.QueryId, refusal);
            await ClickHouseError.Of(ClickHouseError.Readonly, "ACCESS_DENIED", refusal).WriteAsync(context, engine.Version);
            return;
        }

        using var lease = await engine.AcquireAsync(context.RequestAborted);
        var connection = lease.Connection;
        var prepared = Prepare(connection, request);
        try
        {
            if (prepared.Error is not null)
            {
                await ClickHouseError.FromEngine(prepared.Error).WriteAsync(context, engine.Version);
                return;
            }

            ChdbResult result;
            string outputFormat;
            if (statement.Shape.Kind == StatementKind.InsertWithData)
            {
                outputFormat = request.DefaultFormat;
                result = await connection.InsertAsync(statement.Shape.Statement, statement.Shape.Format!, request.Parameters, statement.Data, context.RequestAborted);
            }
            else
            {
                outputFormat = statement.Shape.Format ?? request.DefaultFormat;
                result = connection.Query(statement.Sql, request.DefaultFormat, request.Parameters);
            }

            if (result.Error is not null)
            {
                logger.LogDebug("Query {QueryId} failed: {Error}", request.QueryId, result.Error);
                await ClickHouseError.FromEngine(result.Error).WriteAsync(context, engine.Version);
                return;
            }

            await WriteResultAsync(context, request, outputFormat, result);
        }
        finally
        {
            Reset(connection, prepared);
        }
    }

    /// <summary>Applies the request's database and settings to the borrowed connection.</summary>
    private static (string? Error, bool DatabaseChanged, List<string> SettingsApplied) Prepare(ChdbConnection connection, ClickHouseRequest request)
    {
        var applied = new List<string>();
        var databaseChanged = false;
        if (request.Database is { } database && database != "default")
        {
            var use = connection.Query($"USE {QuoteIdentifier(database)}", "TabSeparated", []);
            if (use.Error is not null)
            {
                return (use.Error, false, applied);
            }

            databaseChanged = true;
        }

        foreach (var (name, value) in request.Settings)
        {
            var set = connection.Query($"SET {name} = {QuoteLiteral(value)}", "TabSeparated", []);
            if (set.Error is not null)
            {
                return (set.Error, databaseChanged, applied);
            }

            applied.Add(name);
        }

        return (null, databaseChanged, applied);
    }

    /// <summary>Puts the connection back as it was, so nothing leaks into the next request.</summary>
    private void Reset(ChdbConnection connection, (string? Error, bool DatabaseChanged, List<string> SettingsApplied) prepared)
    {
        foreach (var name in prepared.SettingsApplied)
        {
            if (connection.Query($"SET {name} = DEFAULT", "TabSeparated", []).Error is { } error)
            {
                logger.LogWarning("Resetting setting {Setting} failed: {Error}", name, error);
            }
        }

        if (prepared.DatabaseChanged)
        {
            connection.Query("USE default", "TabSeparated", []);
        }
    }

    private static async Task WriteResultAsync(HttpContext context, ClickHouseRequest request, string format, ChdbResult result)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentTypeOf(format);
        response.Headers["X-ClickHouse-Format"] = format;
        response.Headers["X-ClickHouse-Summary"] = Summary(result);

        var coding = request.CompressResponse && result.Data.Length > 0 ? BodyEncoding.ChooseResponseCoding(context.Request) : null;
        if (coding is null)
        {
            response.ContentLength = result.Data.Length;
            await response.Body.WriteAsync(result.Data, context.RequestAborted);
            return;
        }

        response.Headers.ContentEncoding = coding;
        await using var encoded = BodyEncoding.EncodeResponse(response.Body, coding);
        await encoded.WriteAsync(result.Data, context.RequestAborted);
    }

    private static string Summary(ChdbResult r)
    {
        static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);
        var elapsedNs = (ulong)(r.Elapsed.Ticks * 100);
        return $"{{\"read_rows\":\"{N(r.RowsRead)}\",\"read_bytes\":\"{N(r.BytesRead)}\",\"written_rows\":\"{N(r.RowsWritten)}\",\"written_bytes\":\"{N(r.BytesWritten)}\",\"total_rows_to_read\":\"{N(r.RowsRead)}\",\"result_rows\":\"{N(r.RowsWritten > 0 ? 0 : r.RowsRead)}\",\"result_bytes\":\"{N((ulong)r.Data.Length)}\",\"elapsed_ns\":\"{N(elapsedNs)}\"}}";
    }

    private static string ContentTypeOf(string format) => format switch
    {
        _ when format.StartsWith("JSON", StringComparison.OrdinalIgnoreCase) && !format.Contains("EachRow", StringComparison.OrdinalIgnoreCase)
            => "application/json; charset=UTF-8",
        _ when format.StartsWith("JSON", StringComparison.OrdinalIgnoreCase) => "application/x-ndjson; charset=UTF-8",
        _ when format.StartsWith("TabSeparated", StringComparison.OrdinalIgnoreCase) || format.StartsWith("TSV", StringComparison.OrdinalIgnoreCase)
            => "text/tab-separated-values; charset=UTF-8",
        _ when format.StartsWith("CSV", StringComparison.OrdinalIgnoreCase) => "text/csv; charset=UTF-8; header=absent",
        _ when format.StartsWith("Pretty", StringComparison.OrdinalIgnoreCase) => "text/plain; charset=UTF-8",
        _ => "application/octet-stream",
    };

    private static bool IsLoopbackHost(string host) =>
        host is "localhost" or "127.0.0.1" or "::1" or "[::1]" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    private enum Access { None, Reader, Full }

    private Access Authenticate(ClickHouseRequest request)
    {
        var user = request.User ?? "default";
        var password = request.Password ?? "";
        if (settings.ReaderUser is { } reader && FixedEquals(user, reader) && FixedEquals(password, settings.ReaderPassword ?? ""))
        {
            return Access.Reader;
        }

        if (!settings.AuthenticationRequired)
        {
            return Access.Full;
        }

        return FixedEquals(user, settings.User!) && FixedEquals(password, settings.Password ?? "") ? Access.Full : Access.None;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string QuoteIdentifier(string name) => "`" + name.Replace("\\", "\\\\").Replace("`", "\\`") + "`";

    private static string QuoteLiteral(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
