using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PokerTracker.ServiceDefaults;

/// <summary>
/// Refuses request bodies over the limit with 413, whatever the server: by Content-Length up
/// front, and while reading for chunked bodies.
/// </summary>
public static class BodySizeLimit
{
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app, long defaultMax, IReadOnlyDictionary<string, long> perPath) =>
        app.Use(async (context, next) =>
        {
            var maxBytes = perPath.TryGetValue(context.Request.Path.Value ?? "", out var larger) ? larger : defaultMax;
            context.Items[LimitKey] = maxBytes;
            if (context.Request.ContentLength > maxBytes)
            {
                await DrainAsync(context);
                await WriteTooLargeAsync(context, maxBytes);
                return;
            }

            if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            {
                context.Request.Body = new LimitedStream(context.Request.Body, maxBytes);
            }

            await next(context);
        });

    /// <summary>Where the request's limit is kept (a long), for whoever answers a body found too large later (a proxy).</summary>
    public static readonly object LimitKey = new();

    /// <summary>The 413 and its reason.</summary>
    public static Task WriteTooLargeAsync(HttpContext context, long maxBytes)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return TypedResults.Problem(statusCode: 413, title: "The request body is too large.", detail: $"At most {Readable(maxBytes)} ({maxBytes} bytes).")
            .ExecuteAsync(context);
    }

    private static string Readable(long bytes) => bytes >= 1024 * 1024
        ? FormattableString.Invariant($"{bytes / 1024.0 / 1024:0.#} MB")
        : FormattableString.Invariant($"{bytes / 1024.0:0.#} KB");

    /// <summary>The most of a refused body that is read (and dropped) before answering.</summary>
    public const long MaxDrainBytes = 128L * 1024 * 1024;

    /// <summary>
    /// Reads the refused body to its end, so the client (a browser, or a proxy in between) gets the
    /// 413 and its reason: a server that answers before reading the upload and closes leaves most
    /// clients with a broken connection, and a proxy with a bare 502. Beyond <see cref="MaxDrainBytes"/>
    /// the answer goes at once.
    /// </summary>
    private static async Task DrainAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxDrainBytes)
        {
            return;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null; // the server's own cap would stop the reading half way
        }

        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client gave up: there is nobody left to answer.
        }
    }

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
