using System.IO.Compression;
using ZstdSharp;

namespace PokerTracker.Tools.ClickHouseHost.Http;

/// <summary>HTTP content codings ClickHouse understands: gzip, deflate, br, zstd (and none).</summary>
internal static class BodyEncoding
{
    private static readonly string[] Supported = ["zstd", "gzip", "deflate", "br"];

    /// <summary>The request body, decoded; null when the coding is not supported.</summary>
    public static Stream? DecodeRequest(HttpRequest request)
    {
        var coding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        return coding switch
        {
            "" or "identity" => request.Body,
            "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "zstd" => new DecompressionStream(request.Body, leaveOpen: true),
            _ => null,
        };
    }

    /// <summary>The first coding the client accepts that we support, or null (send uncompressed).</summary>
    public static string? ChooseResponseCoding(HttpRequest request)
    {
        var accepted = request.Headers.AcceptEncoding.ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.Split(';')[0].Trim().ToLowerInvariant())
            .ToList();
        return accepted.FirstOrDefault(e => Supported.Contains(e));
    }

    public static Stream EncodeResponse(Stream body, string coding) => coding switch
    {
        "gzip" => new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true),
        "deflate" => new ZLibStream(body, CompressionLevel.Fastest, leaveOpen: true),
        "br" => new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true),
        "zstd" => new CompressionStream(body, level: 1, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "unsupported content coding"),
    };
}
