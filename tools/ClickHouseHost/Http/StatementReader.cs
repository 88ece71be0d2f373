using System.Text;
using PokerTracker.Tools.ClickHouseHost.Sql;

namespace PokerTracker.Tools.ClickHouseHost.Http;

/// <summary>The statement of a request and, for an INSERT with data, the stream of its rows.</summary>
internal sealed record ReadStatement(string Sql, StatementShape Shape, Stream Data);

internal static class StatementReader
{
    /// <summary>
    /// Query in the URL: an INSERT takes the body as its data; anything else gets the body
    /// appended (ClickHouse concatenates the two). Query only in the body: the statement is read
    /// from the body's start and, for an INSERT with inline data, the rest of the body is the data.
    /// </summary>
    public static async Task<ReadStatement> ReadAsync(string? urlQuery, Stream body, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(urlQuery))
        {
            var shape = StatementInspector.Inspect(urlQuery);
            if (shape.Kind == StatementKind.InsertWithData)
            {
                var inline = Encoding.UTF8.GetBytes(urlQuery[shape.DataStart..]);
                Stream data = inline.Length == 0 ? body : new ConcatenatedStream(new MemoryStream(inline), body);
                return new ReadStatement(urlQuery, shape, data);
            }

            var rest = await new StreamReader(body, Encoding.UTF8).ReadToEndAsync(ct);
            var sql = rest.Length == 0 ? urlQuery : urlQuery + "\n" + rest;
            return new ReadStatement(sql, rest.Length == 0 ? shape : StatementInspector.Inspect(sql), Stream.Null);
        }

        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        // Latin-1 maps each byte to one char, so positions found in the text are byte offsets.
        var text = Encoding.Latin1.GetString(bytes);
        var bodyShape = StatementInspector.Inspect(text);
        if (bodyShape.Kind == StatementKind.InsertWithData)
        {
            var statement = Encoding.UTF8.GetString(bytes, 0, bodyShape.Statement.Length);
            var data = new MemoryStream(bytes, bodyShape.DataStart, bytes.Length - bodyShape.DataStart, writable: false);
            return new ReadStatement(statement, bodyShape with { Statement = statement }, data);
        }

        var whole = Encoding.UTF8.GetString(bytes);
        return new ReadStatement(whole, StatementInspector.Inspect(whole), Stream.Null);
    }
}

/// <summary>Reads one stream to its end, then the next.</summary>
internal sealed class ConcatenatedStream(Stream first, Stream second) : Stream
{
    private bool _firstDone;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_firstDone)
        {
            var read = await first.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            _firstDone = true;
        }

        return await second.ReadAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
