namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// Refuses request bodies over the limit with 413, whatever the server: by Content-Length up
/// front, and while reading for chunked bodies.
/// </summary>
internal static class BodySizeLimit
{
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app, long defaultMax, IReadOnlyDictionary<string, long> perPath) =>
        app.Use(async (context, next) =>
        {
            var maxBytes = perPath.TryGetValue(context.Request.Path.Value ?? "", out var larger) ? larger : defaultMax;
            if (context.Request.ContentLength > maxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await TypedResults.Problem(statusCode: 413, title: "The request body is too large.", detail: $"At most {maxBytes} bytes.")
                    .ExecuteAsync(context);
                return;
            }

            if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            {
                context.Request.Body = new LimitedStream(context.Request.Body, maxBytes);
            }

            await next(context);
        });

    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        private int Count(int read)
        {
            _read += read;
            return _read > max
                ? throw new BadHttpRequestException($"The request body is larger than {max} bytes.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
