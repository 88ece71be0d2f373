using System.Runtime.InteropServices;

namespace PokerTracker.Tools.ClickHouseHost.Chdb;

/// <summary>
/// One chDB connection. It runs one statement at a time; the caller (the pool) guarantees that.
/// Every connection of the process shares the engine and its data path.
/// </summary>
internal sealed class ChdbConnection : IDisposable
{
    /// <summary>The <c>chdb_connection*</c> that chdb_connect returned.</summary>
    private IntPtr _handle;

    private ChdbConnection(IntPtr handle) => _handle = handle;

    private unsafe IntPtr Connection => *(IntPtr*)_handle;

    public static unsafe ChdbConnection Open(IReadOnlyList<string> arguments)
    {
        using var argv = new NativeStrings(["clickhouse", .. arguments]);
        var handle = ChdbNative.chdb_connect(argv.Count, (IntPtr*)argv.Pointers);
        if (handle == null || *handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("chdb_connect failed for arguments: " + string.Join(' ', arguments));
        }

        return new ChdbConnection((IntPtr)handle);
    }

    public unsafe ChdbResult Query(string sql, string format, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        using var text = new NativeStrings([sql, format]);
        using var names = new NativeStrings(parameters.Select(p => p.Key).ToList());
        using var values = new NativeStrings(parameters.Select(p => p.Value).ToList());
        var result = ChdbNative.chdb_query_with_params_n(
            Connection, text[0], text.Length(0), text[1], text.Length(1),
            names.Pointers, names.Lengths, values.Pointers, values.Lengths, (nuint)names.Count);
        return Consume(result);
    }

    /// <summary>
    /// Streams an INSERT: <paramref name="sql"/> is the statement without FORMAT or data, and
    /// the chunks are the body in <paramref name="format"/>.
    /// </summary>
    public async Task<ChdbResult> InsertAsync(
        string sql, string format, IReadOnlyList<KeyValuePair<string, string>> parameters, Stream body, CancellationToken ct)
    {
        var stream = BeginInsert(sql, format, parameters);
        try
        {
            if (ErrorOf(ChdbNative.chdb_stream_insert_error(stream)) is { } initError)
            {
                return Failure(initError);
            }

            var buffer = new byte[256 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (!Append(stream, buffer, read))
                {
                    var error = ErrorOf(ChdbNative.chdb_stream_insert_error(stream)) ?? "insert stream rejected data";
                    ChdbNative.chdb_stream_cancel_insert(stream);
                    return Failure(error);
                }
            }

            return Consume(ChdbNative.chdb_stream_done(stream));
        }
        catch
        {
            ChdbNative.chdb_stream_cancel_insert(stream);
            throw;
        }
        finally
        {
            ChdbNative.chdb_destroy_insert_stream(stream);
        }
    }

    private unsafe IntPtr BeginInsert(string sql, string format, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        using var text = new NativeStrings([sql, format]);
        using var names = new NativeStrings(parameters.Select(p => p.Key).ToList());
        using var values = new NativeStrings(parameters.Select(p => p.Value).ToList());
        return ChdbNative.chdb_stream_insert_with_params_n(
            Connection, text[0], text.Length(0), text[1], text.Length(1),
            names.Pointers, names.Lengths, values.Pointers, values.Lengths, (nuint)names.Count);
    }

    private static unsafe bool Append(IntPtr stream, byte[] buffer, int count)
    {
        fixed (byte* p = buffer)
        {
            return ChdbNative.chdb_stream_append(stream, p, (nuint)count) == 0;
        }
    }

    private static unsafe ChdbResult Consume(IntPtr result)
    {
        if (result == IntPtr.Zero)
        {
            return Failure("chDB returned no result");
        }

        try
        {
            if (ErrorOf(ChdbNative.chdb_result_error(result)) is { } error)
            {
                return Failure(error);
            }

            var length = (long)ChdbNative.chdb_result_length(result);
            var data = length == 0 ? [] : new ReadOnlySpan<byte>(ChdbNative.chdb_result_buffer(result), checked((int)length)).ToArray();
            return new ChdbResult(
                data,
                ChdbNative.chdb_result_rows_read(result),
                ChdbNative.chdb_result_bytes_read(result),
                ChdbNative.chdb_result_rows_written(result),
                ChdbNative.chdb_result_bytes_written(result),
                TimeSpan.FromSeconds(ChdbNative.chdb_result_elapsed(result)),
                null);
        }
        finally
        {
            ChdbNative.chdb_destroy_query_result(result);
        }
    }

    private static string? ErrorOf(IntPtr text) =>
        text == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(text) is { Length: > 0 } s ? s : null;

    private static ChdbResult Failure(string error) => new([], 0, 0, 0, 0, TimeSpan.Zero, error);

    public unsafe void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            ChdbNative.chdb_close_conn((IntPtr*)_handle);
            _handle = IntPtr.Zero;
        }
    }
}
